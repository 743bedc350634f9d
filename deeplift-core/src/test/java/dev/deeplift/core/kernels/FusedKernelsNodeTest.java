package dev.deeplift.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.nodes.ElementwiseNode;
import dev.deeplift.core.nodes.MaxPoolNode;
import dev.deeplift.core.ops.Window2D;
import dev.deeplift.core.rules.RescaleRule;
import dev.deeplift.core.rules.RevealCancelRule;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * At the node, where nothing sums signed zeros away, the fused kernels give the bits of the ND4J ops: Rescale and
 * RevealCancel on a ReLU, and cross-max pooling over non-overlapping windows, on FLOAT activations with ties in every
 * pooling window, exact and negative zeros, inputs equal to the reference, differences on both sides of the
 * tiny-divisor threshold, an outlier example, and shared or per-example references.
 */
class FusedKernelsNodeTest {
    private static final double EPSILON = 1e-5;
    private static final NodeContext CONTEXT = new NodeContext(Rule.RESCALE, RescaleRule.INSTANCE,
            MaxPoolMode.CROSS_MAX, false, false, EPSILON);

    /**
     * {@code [n, ...]} values on a grid of quarters (so that windows hold ties), a third of them zero, some −0;
     * example 1 equals the reference, example 2 is a 1e4 outlier, example 3 has differences of {@code ε·scale·u}
     * around the threshold.
     */
    private static INDArray[] pair(long[] shape, boolean sharedReference, long seed) {
        Random rng = new Random(seed);
        int n = (int) shape[0];
        int f = (int) (Arrays.stream(shape).reduce(1, (a, b) -> a * b) / n);
        float[][] x = new float[n][f];
        float[][] r = new float[sharedReference ? 1 : n][f];
        for (float[][] a : new float[][][] {x, r}) {
            for (float[] row : a) {
                for (int j = 0; j < f; j++) {
                    int k = rng.nextInt(3);
                    row[j] = k == 0 ? (rng.nextBoolean() ? 0f : -0f) : (rng.nextInt(17) - 8) / 4f;
                }
            }
        }
        if (n > 2) {
            x[1] = r[sharedReference ? 0 : 1].clone();
            for (int j = 0; j < f; j++) {
                x[2][j] *= 1e4f;
            }
        }
        if (n > 3) {
            float[] ref = r[sharedReference ? 0 : 3];
            double scale = max(x[3]) + max(ref);
            double[] u = {0.5, 0.999999, 1.0, 1.000001, 2.0, 0.0};
            for (int j = 0; j < f; j += 2) {
                x[3][j] = ref[j] + (float) (EPSILON * scale * u[(j / 2) % u.length]);
            }
        }
        long[] refShape = shape.clone();
        refShape[0] = r.length;
        return new INDArray[] {Nd4j.createFromArray(x).reshape(shape), Nd4j.createFromArray(r).reshape(refShape)};
    }

    private static double max(float[] v) {
        float m = 0f;
        for (float a : v) {
            m = Math.max(m, Math.abs(a));
        }
        return m;
    }

    /** Multipliers on the node's input from random multipliers (with zeros and −0) on its output. */
    private static INDArray backward(RuleNode node, INDArray[] xr, long seed) {
        PairActivations in = PairActivations.of(xr[0], xr[1]);
        PairActivations out = node.forward(List.of(in), CONTEXT);
        Random rng = new Random(seed);
        float[] m = new float[(int) out.input().length()];
        for (int j = 0; j < m.length; j++) {
            m[j] = j % 5 == 0 ? -0f : j % 7 == 0 ? 0f : (float) rng.nextGaussian();
        }
        INDArray mOut = Nd4j.createFromArray(m).reshape(out.input().shape());
        return node.backward(Multipliers.symmetric(mOut), List.of(in), out, CONTEXT).get(0).plus();
    }

    private static void check(RuleNode node, long[] shape, int expectedRuns) {
        for (boolean shared : new boolean[] {true, false}) {
            for (long seed = 1; seed <= 3; seed++) {
                INDArray[] xr = pair(shape, shared, seed);
                long before = Kernels.runsOnThisThread();
                INDArray fused = backward(node, xr, seed);
                assertEquals(expectedRuns, Kernels.runsOnThisThread() - before, node + ": kernel runs");
                long s = seed;
                INDArray ops = Kernels.withNd4jPath(() -> backward(node, xr, s));
                assertSameBits(ops, fused, node + " " + Arrays.toString(shape) + (shared ? " shared" : " per example")
                        + " seed " + seed);
            }
        }
    }

    @Test
    void rescaleOnReluGivesTheBitsOfTheOps() {
        ElementwiseNode relu = new ElementwiseNode(ElementwiseFunctions.relu());
        check(relu, new long[] {6, 40}, 1);
        check(relu, new long[] {5, 3, 7, 9}, 1);
        check(relu, new long[] {1, 30}, 1);
        // Past one block of the kernel (16384 values per example) and into the pool's parallel range.
        check(relu, new long[] {8, 20000}, 1);
    }

    @Test
    void revealCancelOnReluGivesTheBitsOfTheOpsWithOwnSignAndExplicitSplits() {
        NodeContext context = new NodeContext(Rule.REVEAL_CANCEL, RevealCancelRule.INSTANCE, MaxPoolMode.CROSS_MAX,
                false, true, EPSILON);
        ElementwiseNode relu = new ElementwiseNode(ElementwiseFunctions.relu());
        for (long[] shape : new long[][] {{6, 40}, {5, 3, 7, 9}, {1, 30}, {8, 20000}}) {
            for (boolean shared : new boolean[] {true, false}) {
                for (boolean explicit : new boolean[] {false, true}) {
                    INDArray[] xr = pair(shape, shared, 17);
                    // An explicit split as a linear node makes it: parts of both signs that sum to about Δz.
                    INDArray[] parts = pair(shape, false, 18);
                    INDArray p = Transforms.abs(parts[0], true);
                    INDArray m = Transforms.abs(parts[0], true).negi().addi(xr[0].sub(xr[1]));
                    long before = Kernels.runsOnThisThread();
                    Multipliers fused = revealCancel(relu, xr, explicit ? p : null, m, context);
                    assertEquals(1, Kernels.runsOnThisThread() - before, "kernel runs");
                    Multipliers ops = Kernels.withNd4jPath(() -> revealCancel(relu, xr, explicit ? p : null, m,
                            context));
                    String what = "reveal-cancel " + Arrays.toString(shape) + (shared ? " shared" : " per example")
                            + (explicit ? " explicit split" : " own-sign split");
                    assertSameBits(ops.plus(), fused.plus(), what + ": m+");
                    assertSameBits(ops.minus(), fused.minus(), what + ": m−");
                }
            }
        }
    }

    private static Multipliers revealCancel(RuleNode node, INDArray[] xr, INDArray plus, INDArray minus,
                                            NodeContext context) {
        PairActivations in = plus == null ? PairActivations.of(xr[0], xr[1])
                : PairActivations.withSplit(xr[0], xr[1], plus, minus);
        PairActivations out = node.forward(List.of(in), context);
        INDArray mOut = pair(out.input().shape(), false, 19)[0];
        return node.backward(Multipliers.symmetric(mOut), List.of(in), out, context).get(0);
    }

    @Test
    void crossMaxPoolingOverNonOverlappingWindowsGivesTheBitsOfTheOps() {
        check(new MaxPoolNode(new Window2D(2, 2, 2, 2, 0, 0, 1, 1, false, false)), new long[] {5, 3, 8, 8}, 1);
        // 9 x 7 leaves a row and a column outside every window.
        check(new MaxPoolNode(new Window2D(2, 2, 2, 2, 0, 0, 1, 1, false, false)), new long[] {5, 2, 9, 7}, 1);
        check(new MaxPoolNode(new Window2D(2, 2, 2, 2, 0, 0, 1, 1, true, false)), new long[] {4, 2, 8, 6}, 1);
        // Conv1D layouts: [N, C, 1, W] and [N, C, W, 1].
        check(new MaxPoolNode(new Window2D(1, 3, 1, 3, 0, 0, 1, 1, false, false)), new long[] {5, 4, 1, 31}, 1);
        check(new MaxPoolNode(new Window2D(4, 1, 4, 1, 0, 0, 1, 1, true, false)), new long[] {5, 4, 32, 1}, 1);
        check(new MaxPoolNode(new Window2D(1, 4, 1, 4, 0, 0, 1, 1, false, false)), new long[] {6, 16, 1, 2000}, 1);
        check(new MaxPoolNode(new Window2D(3, 3, 3, 3, 0, 0, 1, 1, false, false)), new long[] {1, 2, 9, 9}, 1);
    }

    /**
     * Where {@code ε·scale ≥ 1} a divisor of exactly −1 is tiny; shifting it by 1 (as {@code Ratios.safeRatio} once
     * did) gave 0/0 = NaN there. Shifted by {@code 1 + 2·threshold} it stays positive: every multiplier is finite, and
     * the kernels give what the ops give, bit for bit.
     */
    @Test
    void aTinyDivisorOfExactlyMinusOneGivesFiniteMultipliersOnBothPaths() {
        float[] x = new float[2 * 16];
        float[] r = new float[2 * 16];
        for (int j = 0; j < x.length; j++) {
            r[j] = (j % 3) * 0.25f;
            x[j] = j % 5 == 1 ? r[j] - 1f : j == 7 ? 2e5f : r[j] + 0.5f;
        }
        INDArray[] xr = {Nd4j.createFromArray(x).reshape(2, 1, 4, 4), Nd4j.createFromArray(r).reshape(2, 1, 4, 4)};
        MaxPoolNode pool = new MaxPoolNode(new Window2D(2, 2, 2, 2, 0, 0, 1, 1, false, false));
        INDArray fused = backward(pool, xr, 1);
        INDArray ops = Kernels.withNd4jPath(() -> backward(pool, xr, 1));
        assertEquals(0, ops.isNaN().castTo(DataType.INT).sumNumber().intValue(), "no NaN at a divisor of −1 (pool)");
        assertSameBits(ops, fused, "pool, divisors of −1");
        ElementwiseNode relu = new ElementwiseNode(ElementwiseFunctions.relu());
        INDArray reluOps = Kernels.withNd4jPath(() -> backward(relu, xr, 1));
        assertEquals(0, reluOps.isNaN().castTo(DataType.INT).sumNumber().intValue(), "no NaN (relu)");
        assertSameBits(reluOps, backward(relu, xr, 1), "relu, divisors of −1");
    }

    @Test
    void poolsTheKernelDoesNotHandleKeepTheirOps() {
        // Overlapping, padded, a Same-mode remainder (padded), NHWC.
        check(new MaxPoolNode(new Window2D(3, 3, 2, 2, 0, 0, 1, 1, false, false)), new long[] {4, 2, 9, 9}, 0);
        check(new MaxPoolNode(new Window2D(2, 2, 2, 2, 1, 1, 1, 1, false, false)), new long[] {4, 2, 8, 8}, 0);
        check(new MaxPoolNode(new Window2D(2, 2, 2, 2, 0, 0, 1, 1, true, false)), new long[] {4, 2, 9, 9}, 0);
        check(new MaxPoolNode(new Window2D(2, 2, 2, 2, 0, 0, 1, 1, false, true)), new long[] {4, 8, 8, 2}, 0);
    }

    @Test
    void theKernelsLeaveDoubleActivationsToTheOps() {
        INDArray[] xr = pair(new long[] {4, 10}, false, 7);
        INDArray[] doubles = {xr[0].castTo(DataType.DOUBLE), xr[1].castTo(DataType.DOUBLE)};
        long before = Kernels.runsOnThisThread();
        backward(new ElementwiseNode(ElementwiseFunctions.relu()), doubles, 7);
        assertEquals(before, Kernels.runsOnThisThread());
    }

    @Test
    void theKernelsReadViewsThroughACopy() {
        INDArray[] xr = pair(new long[] {6, 12}, false, 9);
        // Column views: not dense, so the kernel copies them once.
        INDArray[] views = {xr[0].transpose().dup('c').transpose(), xr[1].transpose().dup('c').transpose()};
        assertTrue(views[0].ordering() == 'f');
        ElementwiseNode relu = new ElementwiseNode(ElementwiseFunctions.relu());
        long before = Kernels.runsOnThisThread();
        INDArray fused = backward(relu, views, 9);
        assertEquals(before + 1, Kernels.runsOnThisThread());
        assertSameBits(Kernels.withNd4jPath(() -> backward(relu, views, 9)), fused, "f-order activations");
    }

    static void assertSameBits(INDArray expected, INDArray actual, String what) {
        assertEquals(Arrays.toString(expected.shape()), Arrays.toString(actual.shape()), what);
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                mismatches++;
                first = first < 0 ? i : first;
            }
        }
        if (mismatches > 0) {
            fail(what + ": " + mismatches + " of " + e.length + " elements differ in their bits, first at " + first
                    + ": " + e[first] + " (ND4J ops) vs " + a[first] + " (kernels)");
        }
    }
}
