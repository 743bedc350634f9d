package dev.deeplift.core.kernels;

import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Small dense products, {@code x·W (+ b)} forward and {@code m·Wᵀ} backward, on FLOAT weights in Java. ND4J's
 * {@code matmul} costs 40–100 µs on this project's 2-core machines whatever the size (its set-up and thread
 * hand-offs): as much for a 100×10 layer as for 32 rows through a 784×300 one. Below {@link #MAX_MULTIPLY_ADDS} a
 * product costs less here; above it ND4J's BLAS is faster, and takes it.
 *
 * <p>The weights are read in place as a dense block of {@code K} contiguous rows of length {@code L}: {@code Wᵀ} for
 * DL4J's column-major parameters, {@code W} for row-major ones. A product over the contiguous axis is a dot product
 * (eight outputs at a time, so that eight sums run side by side); over the other axis it is a sum of scaled rows,
 * which the JIT vectorizes. Each sum is taken in float, in order: the values differ from BLAS's by rounding only.
 */
public final class SmallDense {
    /**
     * Products of at most this many multiply-adds ({@code rows·nIn·nOut}) run here: about 25 µs of Java on the
     * project's machine, below ND4J's fixed cost of a {@code matmul} (measured per layer size, docs/performance.md).
     */
    public static final long MAX_MULTIPLY_ADDS = 1L << 16;
    /** Rows of the weight block copied to the heap at a time (and outputs of a dot product computed together). */
    private static final int CHUNK = 8;

    private SmallDense() {
    }

    /**
     * {@code x·W + b} for each of {@code xs} ({@code [r, nIn]}), or null where this does not apply (not FLOAT, more
     * than {@link #MAX_MULTIPLY_ADDS} in all, weights neither dense row- nor column-major, kernels
     * {@linkplain Kernels switched off}): the caller then runs ND4J.
     *
     * @param weights {@code [nIn, nOut]}
     * @param bias    {@code [1, nOut]}, or null for none
     */
    public static INDArray[] forward(INDArray weights, INDArray bias, INDArray... xs) {
        if (!rows(xs, weights.size(0), weights.size(1)) || (bias != null && !DenseFloats.floats(bias))) {
            return null;
        }
        Layout w = Layout.of(weights);
        if (w == null) {
            return null;
        }
        float[] b = bias == null ? null : values(bias);
        float[][][] v = new float[xs.length][][];
        for (int k = 0; k < xs.length; k++) {
            v[k] = matrix(xs[k]);
        }
        // Column-major W: Wᵀ's rows are the outputs, a dot product each; row-major W: a sum of W's rows.
        float[][][] y = w.columnMajor ? dots(v, w) : scaledRows(v, w);
        INDArray[] out = new INDArray[xs.length];
        for (int k = 0; k < xs.length; k++) {
            if (b != null) {
                for (float[] row : y[k]) {
                    for (int j = 0; j < row.length; j++) {
                        row[j] += b[j];
                    }
                }
            }
            out[k] = array(y[k]);
        }
        return out;
    }

    /**
     * Adds {@code bias} ({@code [1, nOut]} or {@code [nOut]}) to every row of {@code y} ({@code [r, nOut]}) in place,
     * with ND4J's float additions, and returns true; false (nothing done) where this does not apply: not FLOAT, more
     * than {@link #MAX_MULTIPLY_ADDS} values, a layout not read in place, Java paths {@linkplain Kernels#javaPaths()
     * off}. On a product's fresh output this costs a few microseconds against a broadcasting op's tens.
     */
    public static boolean addBias(INDArray y, INDArray bias) {
        if (!Kernels.javaPaths() || y.rank() != 2 || y.length() > MAX_MULTIPLY_ADDS || !DenseFloats.floats(y, bias)
                || bias.length() != y.size(1)) {
            return false;
        }
        FloatBuffer out = DenseFloats.write(y);
        FloatBuffer in = out == null ? null : DenseFloats.read(bias);
        if (in == null) {
            return false;
        }
        int c = (int) y.size(1);
        float[] b = new float[c];
        float[] row = new float[c];
        in.get(0, b, 0, c);
        for (int i = 0; i < y.size(0); i++) {
            out.get(i * c, row, 0, c);
            for (int j = 0; j < c; j++) {
                row[j] += b[j];
            }
            out.put(i * c, row, 0, c);
        }
        return true;
    }

    /**
     * {@code m·Wᵀ} ({@code m: [r, nOut]} to {@code [r, nIn]}), or null where this does not apply (see
     * {@link #forward}).
     */
    public static INDArray backward(INDArray weights, INDArray m) {
        if (!rows(new INDArray[] {m}, weights.size(1), weights.size(0))) {
            return null;
        }
        Layout w = Layout.of(weights);
        if (w == null) {
            return null;
        }
        float[][][] v = {matrix(m)};
        return array((w.columnMajor ? scaledRows(v, w) : dots(v, w))[0]);
    }

    /** The weights as {@code k} contiguous rows of length {@code l} in a FLOAT buffer. */
    private record Layout(FloatBuffer buffer, int k, int l, boolean columnMajor) {
        static Layout of(INDArray w) {
            if (!Kernels.javaPaths() || w.rank() != 2 || !DenseFloats.floats(w)) {
                return null;
            }
            int nIn = (int) w.size(0);
            int nOut = (int) w.size(1);
            boolean columnMajor = w.stride(0) == 1 && w.stride(1) == nIn;
            boolean rowMajor = w.stride(1) == 1 && w.stride(0) == nOut;
            if (!columnMajor && !rowMajor) {
                return null;
            }
            // Column-major W is row-major Wᵀ: either way a dense block of rows, read in place.
            FloatBuffer view = DenseFloats.memory(w);
            if (view == null) {
                return null;
            }
            return columnMajor ? new Layout(view, nOut, nIn, true) : new Layout(view, nIn, nOut, false);
        }
    }

    /**
     * True if every {@code x} is a FLOAT {@code [r, width]} matrix and the product with a {@code width × outputs}
     * matrix is small enough: tested first, on sizes alone, so a large product costs nothing here.
     */
    private static boolean rows(INDArray[] xs, long width, long outputs) {
        long total = 0;
        for (INDArray x : xs) {
            if (x == null || x.rank() != 2 || x.size(1) != width || !DenseFloats.floats(x)) {
                return false;
            }
            total += x.size(0);
        }
        return total * width * outputs <= MAX_MULTIPLY_ADDS;
    }

    /** {@code out[s][r][k] = Σ_l v[s][r][l]·B[k][l]}: a dot product per output, {@link #CHUNK} at a time. */
    private static float[][][] dots(float[][][] v, Layout w) {
        int l = w.l();
        return overBlocks(v, w, w.k(), (x, chunk, k0, kc, o) -> {
            if (kc == CHUNK) {
                dot8(x, chunk, l, o, k0);
                return;
            }
            for (int kk = 0; kk < kc; kk++) {
                float sum = 0f;
                int base = kk * l;
                for (int i = 0; i < l; i++) {
                    sum += x[i] * chunk[base + i];
                }
                o[k0 + kk] = sum;
            }
        });
    }

    /** Eight dot products of {@code x} with consecutive rows of {@code c}, each summed in order. */
    private static void dot8(float[] x, float[] c, int l, float[] o, int at) {
        float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f, s4 = 0f, s5 = 0f, s6 = 0f, s7 = 0f;
        for (int i = 0; i < l; i++) {
            float xi = x[i];
            s0 += xi * c[i];
            s1 += xi * c[l + i];
            s2 += xi * c[2 * l + i];
            s3 += xi * c[3 * l + i];
            s4 += xi * c[4 * l + i];
            s5 += xi * c[5 * l + i];
            s6 += xi * c[6 * l + i];
            s7 += xi * c[7 * l + i];
        }
        o[at] = s0;
        o[at + 1] = s1;
        o[at + 2] = s2;
        o[at + 3] = s3;
        o[at + 4] = s4;
        o[at + 5] = s5;
        o[at + 6] = s6;
        o[at + 7] = s7;
    }

    /** {@code out[s][r][j] = Σ_k v[s][r][k]·B[k][j]}: rows of B scaled and added, in order of k. */
    private static float[][][] scaledRows(float[][][] v, Layout w) {
        int l = w.l();
        return overBlocks(v, w, l, (x, chunk, k0, kc, o) -> {
            for (int kk = 0; kk < kc; kk++) {
                float a = x[k0 + kk];
                int base = kk * l;
                for (int j = 0; j < l; j++) {
                    o[j] += a * chunk[base + j];
                }
            }
        });
    }

    /** What a product does with one block of weight rows for one input row. */
    @FunctionalInterface
    private interface BlockStep {
        /**
         * @param x     the input row
         * @param chunk weight rows {@code k0 .. k0 + kc − 1}, each {@code l} long, one after the other
         * @param out   the output row, accumulated over the blocks
         */
        void apply(float[] x, float[] chunk, int k0, int kc, float[] out);
    }

    /**
     * Outputs of {@code width} per input row, built block by block: {@link #CHUNK} weight rows are copied to the heap
     * once and handed, with each input row of each input, to {@code step}.
     */
    private static float[][][] overBlocks(float[][][] v, Layout w, int width, BlockStep step) {
        int kTotal = w.k();
        int l = w.l();
        float[][][] out = new float[v.length][][];
        for (int s = 0; s < v.length; s++) {
            out[s] = new float[v[s].length][width];
        }
        float[] chunk = new float[CHUNK * l];
        for (int k0 = 0; k0 < kTotal; k0 += CHUNK) {
            int kc = Math.min(CHUNK, kTotal - k0);
            w.buffer().get(k0 * l, chunk, 0, kc * l);
            for (int s = 0; s < v.length; s++) {
                for (int r = 0; r < v[s].length; r++) {
                    step.apply(v[s][r], chunk, k0, kc, out[s][r]);
                }
            }
        }
        return out;
    }

    private static float[][] matrix(INDArray x) {
        int r = (int) x.size(0);
        int c = (int) x.size(1);
        FloatBuffer b = DenseFloats.read(x);
        float[][] m = new float[r][c];
        for (int i = 0; i < r; i++) {
            b.get(i * c, m[i], 0, c);
        }
        return m;
    }

    private static float[] values(INDArray a) {
        float[] v = new float[(int) a.length()];
        DenseFloats.read(a).get(0, v, 0, v.length);
        return v;
    }

    private static INDArray array(float[][] rows) {
        int c = rows.length == 0 ? 0 : rows[0].length;
        INDArray a = DenseFloats.create(new long[] {rows.length, c});
        FloatBuffer b = DenseFloats.write(a);
        for (int i = 0; i < rows.length; i++) {
            b.put(i * c, rows[i], 0, c);
        }
        return a;
    }
}
