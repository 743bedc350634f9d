package dev.deeplift.bench.talgata;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One score per position of every sequence: the sum over the four channels of the contributions there. With a
 * non-one-hot reference every channel has a difference from the reference (e.g. {@code 1 − 0.3} on the base
 * present and {@code −0.2} on the others), so the position's total is the sum over all four, as the authors do
 * before projecting it on the base present. Immutable.
 */
public final class PositionScores {
    private final double[][] values;

    private PositionScores(double[][] values) {
        this.values = values;
    }

    /**
     * Sums the channels of one-hot contributions.
     *
     * @param scores {@code [N, L, 4]}, channels last
     */
    public static PositionScores sumChannels(INDArray scores) {
        if (scores.rank() != 3) {
            throw new IllegalArgumentException("Expected scores [N, L, 4], got " + Arrays.toString(scores.shape()));
        }
        return new PositionScores(scores.castTo(DataType.DOUBLE).sum(2).toDoubleMatrix());
    }

    /** Scores given per sequence and position, {@code [N][L]} (copied). */
    public static PositionScores of(double[][] values) {
        double[][] copy = new double[values.length][];
        for (int i = 0; i < values.length; i++) {
            copy[i] = values[i].clone();
        }
        return new PositionScores(copy);
    }

    /** The number of sequences. */
    public int sequences() {
        return values.length;
    }

    /** The score of one position. */
    public double at(int sequence, int position) {
        return values[sequence][position];
    }

    /**
     * The summed score over a motif match: positions {@code start .. start + width − 1} of one sequence.
     *
     * @throws IllegalArgumentException if the window runs outside the sequence
     */
    public double window(int sequence, int start, int width) {
        double[] row = values[sequence];
        if (start < 0 || width < 1 || start + width > row.length) {
            throw new IllegalArgumentException("Window " + start + ".." + (start + width - 1) + " is outside sequence "
                    + sequence + " of length " + row.length);
        }
        double sum = 0;
        for (int p = start; p < start + width; p++) {
            sum += row[p];
        }
        return sum;
    }
}
