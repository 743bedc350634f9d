package dev.deeplift.core.kernels;

import dev.deeplift.core.graph.PairActivations;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What multipliers on a pair of activations contribute, per example: {@code Σ m·Δ} and {@code Σ |m·Δ|}, in one sweep
 * over dense FLOAT arrays that reads {@code m}, the input and the reference once and writes nothing (the ND4J way
 * takes a product, a subtraction, a reshape and two reductions). Each product is the float {@code m·(x − x_ref)} of
 * the ND4J ops; the sums are taken in double, example by example, so they never depend on the batch.
 */
public final class PairSums {
    /** Independent partial sums: one running sum would wait on each add's latency, element after element. */
    private static final int LANES = 4;

    private PairSums() {
    }

    /**
     * What a sweep of {@link #of} reads: where the multipliers, the input and the reference start (buffer address and
     * offset), all dense row-major, with the examples and values per example. Two pairs with equal keys give equal sums, value
     * for value, as a reshape node's input and output pairs do (views of the same memory in the same order). A key
     * holds its arrays, so that their memory cannot be freed and reused while the key is in use.
     */
    public static final class Key {
        private final long[] at;
        @SuppressWarnings({"unused", "FieldCanBeLocal"})
        private final INDArray[] held;

        private Key(long[] at, INDArray[] held) {
            this.at = at;
            this.held = held;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(at, k.at);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(at);
        }
    }

    /** The {@link Key} of a sweep over {@code m} on {@code a}, or null where {@link #of} would not read in place. */
    public static Key key(INDArray m, PairActivations a) {
        INDArray in = a.input();
        INDArray ref = a.reference();
        if (!applies(m, a) || DenseFloats.write(m) == null || DenseFloats.write(in) == null
                || DenseFloats.write(ref) == null) {
            return null;
        }
        long[] at = {m.data().address(), m.offset(), in.data().address(), in.offset(), ref.data().address(),
            ref.offset(), in.size(0), in.length(), ref.size(0)};
        return new Key(at, new INDArray[] {m, in, ref});
    }

    private static boolean applies(INDArray m, PairActivations a) {
        INDArray in = a.input();
        INDArray ref = a.reference();
        return Kernels.enabled() && !a.isTokens() && in.rank() >= 1 && DenseFloats.floats(m, in, ref)
                && Arrays.equals(m.shape(), in.shape()) && DenseFloats.sameRows(in, ref)
                && (ref.size(0) == 1 || ref.size(0) == in.size(0));
    }

    /**
     * {@code {Σ m·Δ, Σ |m·Δ|}}, each {@code [N]}, or null where the sweep does not apply (not FLOAT, token inputs,
     * shapes it does not know, kernels {@linkplain Kernels switched off}): the caller then takes the ND4J ops.
     *
     * @param m {@code [N, ...]} multipliers, one for both signs of the delta
     * @param a the pair they apply to; its reference {@code [N, ...]} or shared {@code [1, ...]}
     */
    public static double[][] of(INDArray m, PairActivations a) {
        if (!applies(m, a)) {
            return null;
        }
        INDArray in = a.input();
        INDArray ref = a.reference();
        FloatBuffer mb = DenseFloats.read(m);
        FloatBuffer ib = DenseFloats.read(in);
        FloatBuffer rb = DenseFloats.read(ref);
        if (mb == null || ib == null || rb == null) {
            return null;
        }
        int n = (int) in.size(0);
        int f = (int) (in.length() / n);
        boolean shared = ref.size(0) == 1;
        double[] sum = new double[n];
        double[] magnitude = new double[n];
        KernelPool.forExamples(n, in.length(), (from, to) -> {
            int block = Math.min(f, DenseFloats.BLOCK);
            float[] mv = new float[block];
            float[] iv = new float[block];
            float[] rv = new float[block];
            Running running = new Running();
            for (int i = from; i < to; i++) {
                int base = i * f;
                int refBase = shared ? 0 : base;
                running.reset();
                for (int start = 0; start < f; start += block) {
                    int len = Math.min(block, f - start);
                    mb.get(base + start, mv, 0, len);
                    ib.get(base + start, iv, 0, len);
                    rb.get(refBase + start, rv, 0, len);
                    running.add(mv, iv, rv, len);
                }
                sum[i] = running.sum();
                magnitude[i] = running.magnitude();
            }
        });
        return new double[][] {sum, magnitude};
    }

    /**
     * One example's running {@code Σ m·(x − x_ref)} and {@code Σ |m·(x − x_ref)|} over blocks of values, in lanes
     * added in a fixed order. Kernels that hold a pair's values anyway add them here as they go.
     */
    static final class Running {
        private final double[] s = new double[LANES];
        private final double[] g = new double[LANES];

        /** Starts the next example. */
        void reset() {
            Arrays.fill(s, 0.0);
            Arrays.fill(g, 0.0);
        }

        /** Adds {@code m·(x − x_ref)} and its magnitude over the first {@code len} values. */
        void add(float[] m, float[] x, float[] ref, int len) {
            double s0 = s[0], s1 = s[1], s2 = s[2], s3 = s[3];
            double g0 = g[0], g1 = g[1], g2 = g[2], g3 = g[3];
            int k = 0;
            for (; k + LANES <= len; k += LANES) {
                float p0 = m[k] * (x[k] - ref[k]);
                float p1 = m[k + 1] * (x[k + 1] - ref[k + 1]);
                float p2 = m[k + 2] * (x[k + 2] - ref[k + 2]);
                float p3 = m[k + 3] * (x[k + 3] - ref[k + 3]);
                s0 += p0;
                s1 += p1;
                s2 += p2;
                s3 += p3;
                g0 += Math.abs(p0);
                g1 += Math.abs(p1);
                g2 += Math.abs(p2);
                g3 += Math.abs(p3);
            }
            for (; k < len; k++) {
                float p = m[k] * (x[k] - ref[k]);
                s0 += p;
                g0 += Math.abs(p);
            }
            s[0] = s0;
            s[1] = s1;
            s[2] = s2;
            s[3] = s3;
            g[0] = g0;
            g[1] = g1;
            g[2] = g2;
            g[3] = g3;
        }

        double sum() {
            return (s[0] + s[1]) + (s[2] + s[3]);
        }

        double magnitude() {
            return (g[0] + g[1]) + (g[2] + g[3]);
        }
    }

    /** The sums kernels leave while layer checks are recorded on this thread; null when they are not. */
    private static final ThreadLocal<Map<Key, double[][]>> COLLECTED = new ThreadLocal<>();

    /**
     * Lets kernels leave the sums of the pairs they touch in {@code sums} (by {@link #key}) while the returned scope
     * is open on this thread: what the layer checks would otherwise sweep again. Scopes nest.
     */
    public static Scope collectInto(Map<Key, double[][]> sums) {
        Map<Key, double[][]> previous = COLLECTED.get();
        COLLECTED.set(sums);
        return () -> {
            if (previous == null) {
                COLLECTED.remove();
            } else {
                COLLECTED.set(previous);
            }
        };
    }

    /** An open {@link #collectInto} scope. */
    @FunctionalInterface
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /** True if a kernel should add up the pairs it touches ({@link #collectInto} is open on this thread). */
    static boolean collecting() {
        return COLLECTED.get() != null;
    }

    /** Leaves a kernel's sums of {@code m} on {@code a} for the open scope (if the pair has a key). */
    static void leave(INDArray m, PairActivations a, double[] sum, double[] magnitude) {
        Map<Key, double[][]> sums = COLLECTED.get();
        Key key = sums == null ? null : key(m, a);
        if (key != null) {
            sums.put(key, new double[][] {sum, magnitude});
        }
    }
}
