package dev.deeplift.core.kernels;

import dev.deeplift.core.graph.PairActivations;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Rescale rule on a ReLU (paper 3.5.2, {@code m = Δy/Δz}, and {@code relu'} at the midpoint where {@code |Δz|}
 * is tiny) times the multipliers on its output, fused into two sweeps over dense FLOAT arrays. It replaces the 7 ND4J
 * ops of {@link dev.deeplift.core.rules.RescaleRule} (17 when some divisor is tiny) and gives their values bit for
 * bit, signed zeros included: the same float operations in the same order, {@code Δy} from the ReLU's own
 * activations, and the masked path of {@code Ratios.safeRatio} written out ({@code r + (f' − r)·tiny} with
 * {@code r = Δy/(Δz + tiny)}).
 */
public final class ReluRescaleKernel {
    private ReluRescaleKernel() {
    }

    /**
     * The multipliers on {@code z}, or null where the kernel does not apply (not FLOAT, shapes it does not know,
     * kernels {@linkplain Kernels switched off}): the caller then runs its ND4J ops.
     *
     * @param z       the ReLU's input pair, {@code [N, ...]} and {@code [N, ...]} or shared {@code [1, ...]}
     * @param y       its output pair, {@code relu(z)}
     * @param mOut    {@code [N, ...]} multipliers on {@code Δy}
     * @param epsilon the relative tiny-divisor threshold of {@code Ratios.safeRatio}
     */
    public static INDArray multipliers(PairActivations z, PairActivations y, INDArray mOut, double epsilon) {
        if (!Kernels.enabled() || !DenseFloats.elementwisePair(z, y, mOut)) {
            return null;
        }
        INDArray zIn = z.input();
        INDArray zRef = z.reference();
        long[] shape = zIn.shape();
        int n = (int) shape[0];
        boolean sharedRef = zRef.size(0) == 1 && n != 1;
        FloatBuffer za = DenseFloats.read(zIn);
        FloatBuffer zb = DenseFloats.read(zRef);
        FloatBuffer ya = DenseFloats.read(y.input());
        FloatBuffer yb = DenseFloats.read(y.reference());
        FloatBuffer mo = DenseFloats.read(mOut);
        INDArray result = DenseFloats.create(shape);
        FloatBuffer out = DenseFloats.write(result);
        if (za == null || zb == null || ya == null || yb == null || mo == null || out == null) {
            return null;
        }
        int f = (int) (zIn.length() / n);
        long elements = zIn.length();
        double[] inScale = z.knownInputScale();
        double[] refScale = z.knownReferenceScale();
        double[] newIn = inScale == null ? new double[n] : null;
        double[] newRef = refScale != null ? null : new double[sharedRef ? 1 : n];
        if (sharedRef && newRef != null) {
            newRef[0] = DenseFloats.maxAbs(zb, 0, f, new float[Math.min(f, DenseFloats.BLOCK)]);
        }
        // Sweep 1: per example the smallest |Δz| and the magnitudes the threshold needs.
        float[] smallest = new float[n];
        KernelPool.forExamples(n, elements, (from, to) -> {
            int block = Math.min(f, DenseFloats.BLOCK);
            float[] a = new float[block];
            float[] b = new float[block];
            float[] stats = new float[3];
            for (int i = from; i < to; i++) {
                int base = i * f;
                DenseFloats.pairStats(za, base, zb, sharedRef ? 0 : base, f, a, b, stats);
                smallest[i] = stats[0];
                if (newIn != null) {
                    newIn[i] = stats[1];
                }
                if (newRef != null && !sharedRef) {
                    newRef[i] = stats[2];
                }
            }
        });
        z.rememberScales(newIn, newRef);
        TinyDivisors tiny = new TinyDivisors(z.inputScale(), z.referenceScale(), smallest, epsilon);
        // Sweep 2: the multipliers, and where layer checks are recorded what they send back to z.
        boolean sums = PairSums.collecting();
        double[][] sent = sums ? new double[2][n] : null;
        KernelPool.forExamples(n, elements, (from, to) -> {
            int block = Math.min(f, DenseFloats.BLOCK);
            float[] a = new float[block];
            float[] b = new float[block];
            float[] ra = new float[block];
            float[] rb = new float[block];
            float[] m = new float[block];
            PairSums.Running atInput = sums ? new PairSums.Running() : null;
            for (int i = from; i < to; i++) {
                int base = i * f;
                int refBase = sharedRef ? 0 : base;
                if (sums) {
                    atInput.reset();  // what crosses to z; the consumer's checks already took what reached y
                }
                for (int start = 0; start < f; start += block) {
                    int len = Math.min(block, f - start);
                    za.get(base + start, a, 0, len);
                    zb.get(refBase + start, b, 0, len);
                    ya.get(base + start, ra, 0, len);
                    yb.get(refBase + start, rb, 0, len);
                    mo.get(base + start, m, 0, len);
                    if (!tiny.masked) {
                        for (int k = 0; k < len; k++) {
                            m[k] = (ra[k] - rb[k]) / (a[k] - b[k]) * m[k];
                        }
                    } else {
                        float threshold = tiny.floatThreshold[i];
                        for (int k = 0; k < len; k++) {
                            float dz = a[k] - b[k];
                            float t = 1f - Branchless.positive(Math.abs(dz) - threshold);  // safeRatio's mask
                            float ratio = (ra[k] - rb[k]) / tiny.shifted(dz, t, i);
                            // relu' at the midpoint, computed as ND4J's step((z + z_ref)·0.5).
                            float step = Branchless.positive((a[k] + b[k]) * 0.5f);
                            m[k] = (ratio + (step - ratio) * t) * m[k];
                        }
                    }
                    if (sums) {
                        atInput.add(m, a, b, len);
                    }
                    out.put(base + start, m, 0, len);
                }
                if (sums) {
                    sent[0][i] = atInput.sum();
                    sent[1][i] = atInput.magnitude();
                }
            }
        });
        if (sums) {
            PairSums.leave(result, z, sent[0], sent[1]);
        }
        Kernels.countRun();
        return result;
    }
}
