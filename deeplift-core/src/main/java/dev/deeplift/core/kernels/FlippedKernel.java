package dev.deeplift.core.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The kernel of a 2D convolution's transpose as a convolution: input and output channels swapped and every
 * {@code kH × kW} window turned by 180°, copied in Java from FLOAT {@code [oC, iC, kH, kW]} weights read in place.
 * The ND4J path (a permuted copy, then a product with an exchange matrix) costs two ops and two arrays per call; this
 * is one pass over the kernel with the same values.
 */
public final class FlippedKernel {
    private FlippedKernel() {
    }

    /**
     * {@code [iC, oC, kH, kW]} with {@code out[i, o, h, w] = weights[o, i, kH−1−h, kW−1−w]}, a new array in the current
     * workspace; or null where this does not apply (not FLOAT, not a dense row-major {@code [oC, iC, kH, kW]} block,
     * Java paths {@linkplain Kernels#javaPaths() off}): the caller then runs ND4J.
     */
    public static INDArray of(INDArray weights) {
        if (!Kernels.javaPaths() || weights.rank() != 4 || !DenseFloats.floats(weights)) {
            return null;
        }
        FloatBuffer in = DenseFloats.write(weights);
        if (in == null) {
            return null;
        }
        int outChannels = (int) weights.size(0);
        int inChannels = (int) weights.size(1);
        int window = (int) (weights.size(2) * weights.size(3));
        INDArray flipped = DenseFloats.create(new long[] {inChannels, outChannels, weights.size(2), weights.size(3)});
        FloatBuffer out = DenseFloats.write(flipped);
        if (out == null) {
            return null;
        }
        // Two bulk copies and a loop on the heap: a copy per window cost more than the reversal (thousands of windows).
        float[] from = new float[outChannels * inChannels * window];
        float[] to = new float[from.length];
        in.get(0, from, 0, from.length);
        for (int o = 0; o < outChannels; o++) {
            for (int i = 0; i < inChannels; i++) {
                int source = (o * inChannels + i) * window;
                int target = (i * outChannels + o) * window;
                // (h, w) → (kH−1−h, kW−1−w) is, on the flattened window, p → window−1−p.
                for (int p = 0; p < window; p++) {
                    to[target + p] = from[source + window - 1 - p];
                }
            }
        }
        out.put(0, to, 0, to.length);
        return flipped;
    }
}
