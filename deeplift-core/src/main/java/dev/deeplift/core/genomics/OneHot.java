package dev.deeplift.core.genomics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One-hot encoding of DNA, channels last: a sequence of length {@code L} becomes {@code [L, 4]} with columns
 * A, C, G, T; a batch becomes {@code [N, L, 4]}. Lower-case bases (soft-masked sequence) encode like upper-case
 * ones. {@code N} and every other character become an all-zero row, which decodes to {@code N}.
 */
public final class OneHot {
    private OneHot() {
    }

    /** The channel of a base: 0..3 for A, C, G, T (either case), −1 for any other character. */
    public static int index(char base) {
        return Dna.index(base);
    }

    /** One sequence as {@code [L, 4]} in the given numeric data type. */
    public static INDArray encode(String sequence, DataType dataType) {
        Objects.requireNonNull(sequence, "sequence");
        return encode(List.of(sequence), dataType).reshape(sequence.length(), Dna.BASES);
    }

    /**
     * Sequences of one length as {@code [N, L, 4]} in the given numeric data type.
     *
     * @throws IllegalArgumentException if the list is empty or the lengths differ (naming the first that does)
     */
    public static INDArray encode(List<String> sequences, DataType dataType) {
        Objects.requireNonNull(sequences, "sequences");
        Objects.requireNonNull(dataType, "dataType");
        if (sequences.isEmpty()) {
            throw new IllegalArgumentException("No sequences to encode");
        }
        if (!dataType.isNumerical()) {
            throw new IllegalArgumentException("A numeric data type is required, got " + dataType);
        }
        int n = sequences.size();
        int length = sequences.get(0).length();
        if (length == 0) {
            throw new IllegalArgumentException("Sequence 0 is empty");
        }
        double[] values = new double[n * length * Dna.BASES];
        for (int i = 0; i < n; i++) {
            String s = sequences.get(i);
            if (s.length() != length) {
                throw new IllegalArgumentException("Sequence " + i + " has length " + s.length()
                        + " but sequence 0 has length " + length + ": a batch needs one length");
            }
            for (int p = 0; p < length; p++) {
                int c = index(s.charAt(p));
                if (c >= 0) {
                    values[(i * length + p) * Dna.BASES + c] = 1.0;
                }
            }
        }
        return Nd4j.createFromArray(values).reshape('c', new long[] {n, length, Dna.BASES}).castTo(dataType);
    }

    /**
     * The sequence of an {@code [L, 4]} encoding.
     *
     * @throws IllegalArgumentException if a row is neither one-hot (a single 1, zeros elsewhere) nor all zero
     */
    public static String decode(INDArray oneHot) {
        Objects.requireNonNull(oneHot, "oneHot");
        if (oneHot.rank() != 2 || oneHot.size(1) != Dna.BASES) {
            throw new IllegalArgumentException("Expected [L, 4], got " + Arrays.toString(oneHot.shape()));
        }
        return decodeAll(oneHot.reshape(1, oneHot.size(0), Dna.BASES)).get(0);
    }

    /**
     * The sequences of an {@code [N, L, 4]} encoding.
     *
     * @throws IllegalArgumentException if a row is neither one-hot nor all zero (naming sequence and position)
     */
    public static List<String> decodeAll(INDArray oneHot) {
        Objects.requireNonNull(oneHot, "oneHot");
        if (oneHot.rank() != 3 || oneHot.size(2) != Dna.BASES) {
            throw new IllegalArgumentException("Expected [N, L, 4], got " + Arrays.toString(oneHot.shape()));
        }
        int n = (int) oneHot.size(0);
        int length = (int) oneHot.size(1);
        double[] values = oneHot.castTo(DataType.DOUBLE).reshape('c', new long[] {oneHot.length()}).toDoubleVector();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            StringBuilder s = new StringBuilder(length);
            for (int p = 0; p < length; p++) {
                s.append(base(values, (i * length + p) * Dna.BASES, i, p));
            }
            out.add(s.toString());
        }
        return out;
    }

    private static char base(double[] values, int offset, int sequence, int position) {
        int hot = -1;
        for (int c = 0; c < Dna.BASES; c++) {
            double v = values[offset + c];
            if (v == 1.0 && hot < 0) {
                hot = c;
            } else if (v != 0.0) {
                throw new IllegalArgumentException("Sequence " + sequence + ", position " + position
                        + " is not one-hot: " + Arrays.toString(Arrays.copyOfRange(values, offset, offset + 4)));
            }
        }
        return hot < 0 ? 'N' : Dna.base(hot);
    }
}
