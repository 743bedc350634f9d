package dev.deeplift.core.kernels;

import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.ops.Window2D;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Cross-max multipliers of a 2D max-pooling over non-overlapping windows ({@link dev.deeplift.core.MaxPoolMode}
 * {@code CROSS_MAX}: {@code max(Δy, 0)} credited to the input's arg-max, {@code min(Δy, 0)} to the reference's,
 * divided by each position's {@code Δx}, the gradient where {@code |Δx|} is tiny), fused into two sweeps over dense
 * FLOAT NCHW arrays. It replaces about 15 ND4J ops of {@code MaxNode}, among them two or three
 * {@code maxpool2d_bp} passes and the N-fold copy of a shared reference, and gives their values bit for bit: the
 * first arg-max in row-major window order, as {@code maxpool2d_bp} routes, values routed by adding them to zero as it
 * does, the reference's credit added only when some {@code Δy < 0} in the batch, and the masked path of
 * {@code Ratios.safeRatio} written out.
 */
public final class CrossMaxPoolKernel {
    private CrossMaxPoolKernel() {
    }

    /**
     * The multipliers on the pooling's input, or null where the kernel does not apply (not FLOAT, NHWC, overlapping,
     * padded or dilated windows, kernels {@linkplain Kernels switched off}): the caller then runs its ND4J ops.
     *
     * @param in      the pooling's input pair, {@code [N, C, H, W]} and {@code [N or 1, C, H, W]}
     * @param out     its output pair, the window maxima {@code [N, C, H', W']}
     * @param m       {@code [N, C, H', W']} multipliers on {@code Δy}
     * @param w       the pooling window
     * @param epsilon the relative tiny-divisor threshold of {@code Ratios.safeRatio}
     */
    public static INDArray multipliers(PairActivations in, PairActivations out, INDArray m, Window2D w,
                                       double epsilon) {
        INDArray x = in.input();
        INDArray ref = in.reference();
        if (!Kernels.enabled() || !DenseFloats.floats(x, ref, out.input(), out.reference(), m) || x.rank() != 4
                || w.channelsLast() || w.dilated() || w.kH() != w.sH()
                || w.kW() != w.sW() || w.pH() != 0 || w.pW() != 0) {
            return null;
        }
        int n = (int) x.size(0);
        int c = (int) x.size(1);
        int h = (int) x.size(2);
        int wd = (int) x.size(3);
        int kh = (int) w.kH();
        int kw = (int) w.kW();
        if (w.same() && (h % kh != 0 || wd % kw != 0)) {
            return null;                       // Same mode pads such inputs: windows would reach outside
        }
        int ho = h / kh;
        int wo = wd / kw;
        long[] outShape = {n, c, ho, wo};
        boolean sharedRef = ref.size(0) == 1 && n != 1;
        if (!Arrays.equals(m.shape(), outShape) || !Arrays.equals(out.input().shape(), outShape)
                || !DenseFloats.sameRows(x, ref) || (!sharedRef && ref.size(0) != n)
                || out.reference().size(0) != ref.size(0) || !DenseFloats.sameRows(out.input(), out.reference())) {
            return null;
        }
        FloatBuffer xb = DenseFloats.read(x);
        FloatBuffer rb = DenseFloats.read(ref);
        FloatBuffer yb = DenseFloats.read(out.input());
        FloatBuffer yrb = DenseFloats.read(out.reference());
        FloatBuffer mb = DenseFloats.read(m);
        INDArray result = DenseFloats.create(x.shape());
        FloatBuffer ob = DenseFloats.write(result);
        if (xb == null || rb == null || yb == null || yrb == null || mb == null || ob == null) {
            return null;
        }
        int plane = h * wd;
        int outPlane = ho * wo;
        int f = c * plane;
        int fo = c * outPlane;
        long elements = x.length();
        double[] inScale = in.knownInputScale();
        double[] refScale = in.knownReferenceScale();
        double[] newIn = inScale == null ? new double[n] : null;
        double[] newRef = refScale != null ? null : new double[sharedRef ? 1 : n];
        if (sharedRef && newRef != null) {
            newRef[0] = DenseFloats.maxAbs(rb, 0, f, new float[Math.min(f, DenseFloats.BLOCK)]);
        }
        // Sweep 1: per example the smallest |Δx|, the magnitudes, and whether the reference wins a window (Δy < 0).
        float[] smallest = new float[n];
        boolean[] referenceWins = new boolean[n];
        KernelPool.forExamples(n, elements, (from, to) -> {
            int block = Math.min(Math.max(f, fo), DenseFloats.BLOCK);
            float[] a = new float[block];
            float[] b = new float[block];
            float[] stats = new float[3];
            for (int i = from; i < to; i++) {
                int base = i * f;
                DenseFloats.pairStats(xb, base, rb, sharedRef ? 0 : base, f, a, b, stats);
                smallest[i] = stats[0];
                if (newIn != null) {
                    newIn[i] = stats[1];
                }
                if (newRef != null && !sharedRef) {
                    newRef[i] = stats[2];
                }
                int outBase = i * fo;
                int outRefBase = sharedRef ? 0 : outBase;
                boolean wins = false;
                for (int start = 0; start < fo; start += block) {
                    int len = Math.min(block, fo - start);
                    yb.get(outBase + start, a, 0, len);
                    yrb.get(outRefBase + start, b, 0, len);
                    for (int k = 0; k < len; k++) {
                        wins |= a[k] - b[k] < 0f;
                    }
                }
                referenceWins[i] = wins;
            }
        });
        in.rememberScales(newIn, newRef);
        TinyDivisors tiny = new TinyDivisors(in.inputScale(), in.referenceScale(), smallest, epsilon);
        // As in MaxNode, the reference's credit is routed and added for the whole batch or not at all.
        boolean anyWins = false;
        for (boolean wins : referenceWins) {
            anyWins |= wins;
        }
        boolean addReference = anyWins;
        // A shared reference has the same arg-max in every example: found once per window.
        int[] sharedArg = sharedRef ? referenceArgMax(rb, c, plane, h, wd, kh, kw) : null;
        // Where layer checks are recorded, what the multipliers send back to the input pair, per example.
        boolean sums = PairSums.collecting();
        double[][] sent = sums ? new double[2][n] : null;
        KernelPool.forExamples(n, elements, (from, to) -> {
            PairSums.Running atInput = sums ? new PairSums.Running() : null;
            float[] xs = new float[plane];
            float[] rs = new float[plane];
            float[] credit = new float[plane];
            float[] ms = new float[outPlane];
            float[] ys = new float[outPlane];
            float[] yr = new float[outPlane];
            int[] ix = new int[outPlane];
            int[] ir = new int[outPlane];
            for (int i = from; i < to; i++) {
                if (sums) {
                    atInput.reset();
                }
                for (int ch = 0; ch < c; ch++) {
                    int xBase = (i * c + ch) * plane;
                    int oBase = (i * c + ch) * outPlane;
                    int yrBase = ((sharedRef ? 0 : i) * c + ch) * outPlane;
                    xb.get(xBase, xs, 0, plane);
                    if (!sharedRef || c > 1 || i == from) {
                        rb.get(((sharedRef ? 0 : i) * c + ch) * plane, rs, 0, plane);
                    }
                    mb.get(oBase, ms, 0, outPlane);
                    yb.get(oBase, ys, 0, outPlane);
                    yrb.get(yrBase, yr, 0, outPlane);
                    argMax(xs, ix, ho, wo, wd, kh, kw);
                    if (sharedRef) {
                        System.arraycopy(sharedArg, ch * outPlane, ir, 0, outPlane);
                    } else {
                        argMax(rs, ir, ho, wo, wd, kh, kw);
                    }
                    // Off the arg-maxes the credit and the gradient are maxpool2d_bp's +0, so the ops' quotient is
                    // +0/Δx (a zero with the sign of Δx) and, on the masked path, +0 (r + (0 − r)·t: the shifted
                    // divisor of a tiny Δx is positive).
                    float threshold = tiny.floatThreshold[i];
                    float shift = tiny.shift[i];
                    if (tiny.masked) {
                        Arrays.fill(credit, 0, plane, 0f);
                    } else {
                        for (int p = 0; p < plane; p++) {
                            credit[p] = Branchless.signedZero(xs[p] - rs[p]);
                        }
                    }
                    for (int o = 0; o < outPlane; o++) {
                        float dy = ys[o] - yr[o];
                        float mv = ms[o];
                        int px = ix[o];
                        int pr = ir[o];
                        // maxpool2d_bp adds each window's value to a zero at its arg-max: 0 + v (so −0 → +0).
                        float atX = 0f + (dy < 0f ? 0f : dy) * mv;                   // relu(Δy)·m, ND4J's relu
                        float atR = addReference ? 0f + (dy < 0f ? dy : 0f) * mv : 0f; // min(Δy, 0)·m
                        float gradient = 0f + mv;
                        if (px == pr) {
                            credit[px] = divide(addReference ? atX + atR : atX, xs[px] - rs[px], gradient,
                                    tiny.masked, threshold, shift);
                        } else {
                            // ND4J's addi adds +0 to the input's credit there: a no-op, as 0 + v is never −0.
                            credit[px] = divide(atX, xs[px] - rs[px], gradient, tiny.masked, threshold, shift);
                            if (addReference) {
                                credit[pr] = divide(0f + atR, xs[pr] - rs[pr], 0f, tiny.masked, threshold, shift);
                            }
                        }
                    }
                    ob.put(xBase, credit, 0, plane);
                    if (sums) {
                        atInput.add(credit, xs, rs, plane);
                    }
                }
                if (sums) {
                    sent[0][i] = atInput.sum();
                    sent[1][i] = atInput.magnitude();
                }
            }
        });
        if (sums) {
            PairSums.leave(result, in, sent[0], sent[1]);
        }
        Kernels.countRun();
        return result;
    }

    /** {@code safeRatio}'s value at one element: the quotient, or on the masked path its formula with the mask. */
    private static float divide(float credit, float dx, float gradient, boolean masked, float threshold,
                                float shift) {
        if (!masked) {
            return credit / dx;
        }
        float t = 1f - Branchless.positive(Math.abs(dx) - threshold);
        float ratio = credit / (dx + t * shift);
        return ratio + (gradient - ratio) * t;
    }

    /** The first arg-max (row-major, strict {@code >}) of every window of a plane, as plane indices. */
    private static void argMax(float[] v, int[] arg, int ho, int wo, int wd, int kh, int kw) {
        for (int oh = 0; oh < ho; oh++) {
            for (int ow = 0; ow < wo; ow++) {
                int first = oh * kh * wd + ow * kw;
                int best = first;
                int max = Branchless.orderKey(v[first]);
                for (int a = 0; a < kh; a++) {
                    int row = first + a * wd;
                    for (int b = 0; b < kw; b++) {
                        // Integer keys and a multiply rather than a branch: on activations the winner is unpredictable.
                        int key = Branchless.orderKey(v[row + b]);
                        best += Branchless.greater(key, max) * (row + b - best);
                        max = Math.max(max, key);
                    }
                }
                arg[oh * wo + ow] = best;
            }
        }
    }

    /** The arg-maxes of a shared reference's windows, channel after channel. */
    private static int[] referenceArgMax(FloatBuffer rb, int c, int plane, int h, int wd, int kh, int kw) {
        int ho = h / kh;
        int wo = wd / kw;
        int[] arg = new int[c * ho * wo];
        int[] one = new int[ho * wo];
        float[] rs = new float[plane];
        for (int ch = 0; ch < c; ch++) {
            rb.get(ch * plane, rs, 0, plane);
            argMax(rs, one, ho, wo, wd, kh, kw);
            System.arraycopy(one, 0, arg, ch * ho * wo, one.length);
        }
        return arg;
    }
}
