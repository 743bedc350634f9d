package dev.deeplift.core.reference;

import dev.deeplift.core.Layout;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Converts one-hot sequences to tokens and back: token {@code k} for a position whose channel {@code k} is 1,
 * {@link #NONE} for an all-zero position (N, or padding).
 */
final class OneHotTokens {
    /** The token of an all-zero position. */
    static final int NONE = -1;

    private OneHotTokens() {
    }

    /**
     * The tokens of one example of a rank-3 batch.
     *
     * @throws IllegalArgumentException naming the example and position if a position is not one-hot or all zero
     */
    static int[] decode(INDArray batch, long example, Layout layout, String who) {
        double[][] m = batch.get(NDArrayIndex.point(example), NDArrayIndex.all(), NDArrayIndex.all())
                .toDoubleMatrix();
        boolean last = layout == Layout.NWC;
        int length = last ? m.length : m[0].length;
        int alphabet = last ? m[0].length : m.length;
        int[] tokens = new int[length];
        for (int p = 0; p < length; p++) {
            int token = NONE;
            boolean valid = true;
            for (int k = 0; k < alphabet; k++) {
                double v = last ? m[p][k] : m[k][p];
                if (v == 1.0) {
                    valid &= token == NONE;
                    token = k;
                } else {
                    valid &= v == 0.0;
                }
            }
            if (!valid) {
                double[] column = new double[alphabet];
                for (int k = 0; k < alphabet; k++) {
                    column[k] = last ? m[p][k] : m[k][p];
                }
                throw new IllegalArgumentException(who + ": example " + example + ", position " + p
                        + " is not one-hot " + Arrays.toString(column) + "; each position must hold a single 1 "
                        + "or be all zero (N). Layout: " + layout);
            }
            tokens[p] = token;
        }
        return tokens;
    }

    /** Writes the one-hot encoding of {@code tokens} ({@code L × K} values, c order of the layout) at {@code offset}. */
    static void encode(int[] tokens, int alphabet, Layout layout, double[] out, int offset) {
        int length = tokens.length;
        for (int p = 0; p < length; p++) {
            if (tokens[p] != NONE) {
                int idx = layout == Layout.NWC ? p * alphabet + tokens[p] : tokens[p] * length + p;
                out[offset + idx] = 1.0;
            }
        }
    }
}
