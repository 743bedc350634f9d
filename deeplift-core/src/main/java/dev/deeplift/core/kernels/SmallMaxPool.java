package dev.deeplift.core.kernels;

import dev.deeplift.core.ops.Window2D;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Forward max-pooling of a small FLOAT {@code [N, C, H, W]} array over non-overlapping windows (stride = window, no
 * padding or dilation) in Java: each window's maximum by strict {@code >} from its first value, row by row. On one
 * example of an MNIST or genomics network ND4J's {@code maxpool2d} costs its fixed tens of microseconds per call for
 * a few thousand windows; larger arrays keep the op ({@link #MAX_VALUES}). The values are ND4J's (a maximum is a
 * maximum); of a window of equal zeros of both signs the first is kept.
 */
public final class SmallMaxPool {
    /** Inputs of at most this many values run here. */
    public static final long MAX_VALUES = 1L << 16;

    private SmallMaxPool() {
    }

    /**
     * The window maxima {@code [N, C, H/kH, W/kW]} as a new array, or null where this does not apply (not FLOAT,
     * larger than {@link #MAX_VALUES}, channels last, overlapping, padded or dilated windows, a layout it does not
     * read in place, Java paths {@linkplain Kernels#javaPaths() off}).
     */
    public static INDArray of(INDArray x, Window2D w) {
        if (!Kernels.javaPaths() || x.rank() != 4 || x.length() > MAX_VALUES || !DenseFloats.floats(x)
                || w.channelsLast() || w.dilated() || w.kH() != w.sH() || w.kW() != w.sW() || w.pH() != 0
                || w.pW() != 0) {
            return null;
        }
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int kh = (int) w.kH();
        int kw = (int) w.kW();
        if (w.same() && (h % kh != 0 || wd % kw != 0)) {
            return null;                       // Same mode pads such inputs
        }
        FloatBuffer in = DenseFloats.write(x);
        if (in == null) {
            return null;
        }
        int ho = h / kh;
        int wo = wd / kw;
        int planes = (int) (x.size(0) * x.size(1));
        INDArray y = DenseFloats.create(new long[] {x.size(0), x.size(1), ho, wo});
        FloatBuffer out = DenseFloats.write(y);
        if (out == null) {
            return null;
        }
        float[] v = new float[(int) x.length()];
        float[] max = new float[planes * ho * wo];
        in.get(0, v, 0, v.length);
        int at = 0;
        for (int p = 0; p < planes; p++) {
            int plane = p * h * wd;
            for (int oh = 0; oh < ho; oh++) {
                for (int ow = 0; ow < wo; ow++) {
                    int first = plane + oh * kh * wd + ow * kw;
                    float best = v[first];
                    for (int a = 0; a < kh; a++) {
                        int row = first + a * wd;
                        for (int b = 0; b < kw; b++) {
                            float value = v[row + b];
                            if (value > best) {
                                best = value;
                            }
                        }
                    }
                    max[at++] = best;
                }
            }
        }
        out.put(0, max, 0, max.length);
        return y;
    }
}
