package dev.deeplift.bench.talgata;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The paper's reference for the TAL-GATA experiment: the background base frequencies A 0.3, C 0.2, G 0.2, T 0.3
 * (40 % GC) at every position, the same background the motif log-odds are computed against.
 */
public final class TalGataReference {
    private static final double[] BACKGROUND = {0.3, 0.2, 0.2, 0.3};

    private TalGataReference() {
    }

    /** A, C, G, T: 0.3, 0.2, 0.2, 0.3 (a new array each call). */
    public static double[] background() {
        return BACKGROUND.clone();
    }

    /** {@code [1, length, 4]} FLOAT, the background at every position: one reference shared by every sequence. */
    public static INDArray flat(int length) {
        if (length < 1) {
            throw new IllegalArgumentException("length must be at least 1, got " + length);
        }
        float[] row = new float[length * BACKGROUND.length];
        for (int p = 0; p < length; p++) {
            for (int c = 0; c < BACKGROUND.length; c++) {
                row[p * BACKGROUND.length + c] = (float) BACKGROUND[c];
            }
        }
        return Nd4j.createFromArray(row).reshape('c', 1, length, BACKGROUND.length).castTo(DataType.FLOAT);
    }
}
