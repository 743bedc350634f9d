package dev.deeplift.core.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code max(z, 0)} of a small FLOAT array in Java, with the bits of ND4J's {@code relu} ({@code z < 0 ? 0 : z}: a
 * −0 or a NaN passes unchanged). On a layer of a few hundred values ND4J's op costs its fixed 20–40 µs; this costs
 * about one. Larger arrays keep ND4J's op ({@link #MAX_VALUES}).
 */
public final class SmallRelu {
    /** Arrays of at most this many values run here. */
    public static final long MAX_VALUES = 1L << 16;

    private SmallRelu() {
    }

    /**
     * A new array {@code max(z, 0)}, or null where this does not apply (not FLOAT, larger than {@link #MAX_VALUES},
     * a layout it does not read in place, Java paths {@linkplain Kernels#javaPaths() off}).
     */
    public static INDArray of(INDArray z) {
        if (!Kernels.javaPaths() || z.isEmpty() || z.length() > MAX_VALUES || !DenseFloats.floats(z)) {
            return null;
        }
        FloatBuffer in = DenseFloats.write(z);
        if (in == null) {
            return null;
        }
        INDArray y = DenseFloats.create(z.shape());
        FloatBuffer out = DenseFloats.write(y);
        if (out == null) {
            return null;
        }
        float[] v = new float[(int) z.length()];
        in.get(0, v, 0, v.length);
        for (int k = 0; k < v.length; k++) {
            v[k] = v[k] < 0f ? 0f : v[k];
        }
        out.put(0, v, 0, v.length);
        return y;
    }
}
