package dev.deeplift.core.kernels;

import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The RevealCancel rule on a ReLU (paper 3.5.3: {@code Δy± = ½[f(z0 + Δz±) − f(z0)] + ½[f(z) − f(z0 + Δz∓)]},
 * {@code m± = Δy±/Δz±}, {@code relu'} at {@code z0 + Δz±/2} where {@code |Δz±|} is tiny) times the multipliers on
 * its output, fused into two sweeps over dense FLOAT arrays. It replaces the 20 to 40 ND4J ops of
 * {@link dev.deeplift.core.rules.RevealCancelRule} and gives their values bit for bit: the same float operations in
 * the same order, and each part's masked path of {@code Ratios.safeRatio} written out.
 */
public final class RevealCancelReluKernel {
    private RevealCancelReluKernel() {
    }

    /**
     * The positive and negative multipliers on {@code z}, or null where the kernel does not apply (not FLOAT, shapes
     * it does not know, kernels {@linkplain Kernels switched off}): the caller then runs its ND4J ops.
     *
     * @param z       the ReLU's input pair, with its explicit or own-sign split of {@code Δz}
     * @param y       its output pair, {@code relu(z)}
     * @param mOut    {@code [N, ...]} multipliers on {@code Δy}
     * @param epsilon the relative tiny-divisor threshold of {@code Ratios.safeRatio}
     */
    public static Multipliers multipliers(PairActivations z, PairActivations y, INDArray mOut, double epsilon) {
        if (!Kernels.enabled() || !DenseFloats.elementwisePair(z, y, mOut)) {
            return null;
        }
        INDArray zIn = z.input();
        INDArray zRef = z.reference();
        long[] shape = zIn.shape();
        int n = (int) shape[0];
        boolean sharedRef = zRef.size(0) == 1 && n != 1;
        boolean split = z.hasExplicitSplit();
        if (split && (!Arrays.equals(z.deltaPlus().shape(), shape)
                || !Arrays.equals(z.deltaMinus().shape(), shape))) {
            return null;
        }
        // Without an explicit split, Δz± are max(Δz, 0) and min(Δz, 0) of Δz = z − z_ref, computed here.
        FloatBuffer pa = DenseFloats.read(split ? z.deltaPlus() : zIn);
        FloatBuffer pb = DenseFloats.read(split ? z.deltaMinus() : zRef);
        FloatBuffer z0 = DenseFloats.read(zRef);
        FloatBuffer f0 = DenseFloats.read(y.reference());
        FloatBuffer fz = DenseFloats.read(y.input());
        FloatBuffer mo = DenseFloats.read(mOut);
        INDArray plus = DenseFloats.create(shape);
        INDArray minus = DenseFloats.create(shape);
        FloatBuffer outPlus = DenseFloats.write(plus);
        FloatBuffer outMinus = DenseFloats.write(minus);
        if (pa == null || pb == null || z0 == null || f0 == null || fz == null || mo == null || outPlus == null
                || outMinus == null) {
            return null;
        }
        int f = (int) (zIn.length() / n);
        long elements = zIn.length();
        int block = Math.min(f, DenseFloats.BLOCK);
        double[] refScale = z.knownReferenceScale();
        if (refScale == null) {
            refScale = new double[sharedRef ? 1 : n];
            float[] scratch = new float[block];
            for (int i = 0; i < refScale.length; i++) {
                refScale[i] = DenseFloats.maxAbs(z0, i * f, f, scratch);
            }
            z.rememberScales(null, refScale);
        }
        // Sweep 1: per example max|Δz+| + max|Δz−| (the threshold's other magnitudes) and each part's smallest |Δz±|.
        double[] partScale = new double[n];
        float[] smallestPlus = new float[n];
        float[] smallestMinus = new float[n];
        KernelPool.forExamples(n, elements, (from, to) -> {
            float[] a = new float[block];
            float[] b = new float[block];
            float[] dp = new float[block];
            float[] dm = new float[block];
            for (int i = from; i < to; i++) {
                int base = i * f;
                float maxP = 0f;
                float maxM = 0f;
                float minP = Float.POSITIVE_INFINITY;
                float minM = Float.POSITIVE_INFINITY;
                for (int start = 0; start < f; start += block) {
                    int len = Math.min(block, f - start);
                    parts(pa, pb, split, base, sharedRef ? 0 : base, start, len, a, b, dp, dm);
                    for (int k = 0; k < len; k++) {
                        maxP = Math.max(maxP, Math.abs(dp[k]));
                        maxM = Math.max(maxM, Math.abs(dm[k]));
                        minP = Math.min(minP, Math.abs(dp[k]));
                        minM = Math.min(minM, Math.abs(dm[k]));
                    }
                }
                partScale[i] = (double) maxP + (double) maxM;
                smallestPlus[i] = minP;
                smallestMinus[i] = minM;
            }
        });
        TinyDivisors tinyPlus = new TinyDivisors(partScale, refScale, smallestPlus, epsilon);
        TinyDivisors tinyMinus = new TinyDivisors(partScale, refScale, smallestMinus, epsilon);
        // Sweep 2: Δy± and the multipliers.
        KernelPool.forExamples(n, elements, (from, to) -> {
            float[] a = new float[block];
            float[] b = new float[block];
            float[] dp = new float[block];
            float[] dm = new float[block];
            float[] r = new float[block];
            float[] fr = new float[block];
            float[] fy = new float[block];
            float[] m = new float[block];
            for (int i = from; i < to; i++) {
                int base = i * f;
                int refBase = sharedRef ? 0 : base;
                for (int start = 0; start < f; start += block) {
                    int len = Math.min(block, f - start);
                    parts(pa, pb, split, base, refBase, start, len, a, b, dp, dm);
                    z0.get(refBase + start, r, 0, len);
                    f0.get(refBase + start, fr, 0, len);
                    fz.get(base + start, fy, 0, len);
                    mo.get(base + start, m, 0, len);
                    for (int k = 0; k < len; k++) {
                        float fPlus = relu(dp[k] + r[k]);
                        float fMinus = relu(dm[k] + r[k]);
                        float yPlus = (fPlus - fr[k] + fy[k] - fMinus) * 0.5f;
                        float yMinus = (fMinus - fr[k] + fy[k] - fPlus) * 0.5f;
                        a[k] = ratio(yPlus, dp[k], r[k], tinyPlus, i) * m[k];
                        b[k] = ratio(yMinus, dm[k], r[k], tinyMinus, i) * m[k];
                    }
                    outPlus.put(base + start, a, 0, len);
                    outMinus.put(base + start, b, 0, len);
                }
            }
        });
        Kernels.countRun();
        return Multipliers.of(plus, minus);
    }

    /** Fills {@code dp}, {@code dm} with {@code Δz±} of one block: read, or split by sign from {@code z − z_ref}. */
    private static void parts(FloatBuffer pa, FloatBuffer pb, boolean split, int base, int refBase, int start,
                              int len, float[] a, float[] b, float[] dp, float[] dm) {
        if (split) {
            pa.get(base + start, dp, 0, len);
            pb.get(base + start, dm, 0, len);
            return;
        }
        pa.get(base + start, a, 0, len);
        pb.get(refBase + start, b, 0, len);
        for (int k = 0; k < len; k++) {
            float d = a[k] - b[k];
            dp[k] = d < 0f ? 0f : d;               // ND4J's relu (keeps −0)
            dm[k] = d < 0f ? d : 0f;               // ND4J's min(d, 0) (gives +0 for −0)
        }
    }

    /** ND4J's relu: {@code v < 0 ? 0 : v}, which keeps −0. */
    private static float relu(float v) {
        return v < 0f ? 0f : v;
    }

    /** {@code safeRatio(num, d)} at one element, the fallback {@code step(d·0.5 + z0)}. */
    private static float ratio(float num, float d, float z0, TinyDivisors tiny, int i) {
        if (!tiny.masked) {
            return num / d;
        }
        float t = tiny.tiny(d, i);
        float r = num / tiny.shifted(d, t, i);
        float step = Branchless.positive(d * 0.5f + z0);
        return r + (step - r) * t;
    }
}
