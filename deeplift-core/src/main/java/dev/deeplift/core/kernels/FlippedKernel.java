package dev.deeplift.core.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The kernel of a 2D convolution's transpose as a convolution: input and output channels swapped and every
 * {@code kH × kW} window turned by 180°, copied in Java from FLOAT weights read in place, in any of libnd4j's three
 * weights formats ({@code [kH, kW, iC, oC]}, {@code [oC, iC, kH, kW]} as DL4J's 2D layers, {@code [oC, kH, kW, iC]}).
 * The ND4J path (a permuted copy, then a product with an exchange matrix) costs two ops and two arrays per call; this
 * is one pass over the kernel with the same values.
 */
public final class FlippedKernel {
    private FlippedKernel() {
    }

    /**
     * {@code [iC, oC, kH, kW]} with {@code out[i, o, h, w] = W(o, i, kH−1−h, kW−1−w)}, a new array in the current
     * workspace; or null where this does not apply (not FLOAT, not a dense row-major block, an unknown format, Java
     * paths {@linkplain Kernels#javaPaths() off}): the caller then runs ND4J.
     *
     * @param format libnd4j's weights format: 0 {@code [kH, kW, iC, oC]}, 1 {@code [oC, iC, kH, kW]},
     *               2 {@code [oC, kH, kW, iC]}
     */
    public static INDArray of(INDArray weights, long format) {
        if (!Kernels.javaPaths() || weights.rank() != 4 || format < 0 || format > 2 || !DenseFloats.floats(weights)) {
            return null;
        }
        FloatBuffer in = DenseFloats.write(weights);
        if (in == null) {
            return null;
        }
        long[] s = weights.shape();
        int outChannels = (int) (format == 0 ? s[3] : s[0]);
        int inChannels = (int) (format == 0 ? s[2] : format == 1 ? s[1] : s[3]);
        long kH = format == 0 ? s[0] : format == 1 ? s[2] : s[1];
        long kW = format == 0 ? s[1] : format == 1 ? s[3] : s[2];
        int window = (int) (kH * kW);
        INDArray flipped = DenseFloats.create(new long[] {inChannels, outChannels, kH, kW});
        FloatBuffer out = DenseFloats.write(flipped);
        if (out == null) {
            return null;
        }
        // W(o, i, position) sits at start(o, i) + position·step in the flat weights.
        int step = format == 0 ? inChannels * outChannels : format == 1 ? 1 : inChannels;
        // Two bulk copies and a loop on the heap: a copy per window cost more than the reversal (thousands of windows).
        float[] from = new float[outChannels * inChannels * window];
        float[] to = new float[from.length];
        in.get(0, from, 0, from.length);
        for (int o = 0; o < outChannels; o++) {
            for (int i = 0; i < inChannels; i++) {
                int start = format == 0 ? i * outChannels + o : format == 1 ? (o * inChannels + i) * window
                        : o * window * inChannels + i;
                int target = (i * outChannels + o) * window;
                // (h, w) → (kH−1−h, kW−1−w) is, on the flattened window, p → window−1−p.
                for (int p = 0; p < window; p++) {
                    to[target + p] = from[start + (window - 1 - p) * step];
                }
            }
        }
        out.put(0, to, 0, to.length);
        return flipped;
    }
}
