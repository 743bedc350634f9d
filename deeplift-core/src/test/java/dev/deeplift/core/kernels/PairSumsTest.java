package dev.deeplift.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.ops.Window2D;
import java.util.HashMap;
import java.util.Map;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The layer checks' sweep: {@code Σ m·Δ} and {@code Σ|m·Δ|} per example equal those of the float products summed in
 * double by hand, for shared and per-example references, a column-major multiplier array (read through a copy) and
 * examples large enough to be split over threads; it declines what it does not handle; its keys match exactly the
 * sweeps over the same memory; and the ReLU and max-pooling kernels, while layer checks collect, leave the sums of
 * the multipliers they send back on their input pair, equal to those the sweep gives.
 */
class PairSumsTest {
    private static double[][] byHand(INDArray m, INDArray x, INDArray ref) {
        int n = (int) x.size(0);
        float[] mv = m.dup('c').data().asFloat();
        float[] xv = x.dup('c').data().asFloat();
        float[] rv = ref.dup('c').data().asFloat();
        int f = xv.length / n;
        double[] sum = new double[n];
        double[] magnitude = new double[n];
        for (int i = 0; i < n; i++) {
            int refBase = ref.size(0) == 1 ? 0 : i * f;
            for (int j = 0; j < f; j++) {
                float p = mv[i * f + j] * (xv[i * f + j] - rv[refBase + j]);
                sum[i] += p;
                magnitude[i] += Math.abs(p);
            }
        }
        return new double[][] {sum, magnitude};
    }

    private static void assertSums(INDArray m, INDArray x, INDArray ref) {
        double[][] got = PairSums.of(m, PairActivations.of(x, ref));
        assertNotNull(got);
        double[][] want = byHand(m, x, ref);
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < want[k].length; i++) {
                // Only the order of the double additions differs: a few ulps of the magnitude.
                assertEquals(want[k][i], got[k][i], 1e-12 * (1 + want[1][i]), "part " + k + ", example " + i);
            }
        }
    }

    @Test
    void sumsEqualTheFloatProductsSummedByHand() {
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.randn(DataType.FLOAT, 6, 3, 7, 5);
        INDArray m = Nd4j.randn(DataType.FLOAT, 6, 3, 7, 5);
        assertSums(m, x, Nd4j.randn(DataType.FLOAT, 1, 3, 7, 5));
        assertSums(m, x, Nd4j.randn(DataType.FLOAT, 6, 3, 7, 5));
        assertSums(m.dup('f'), x, Nd4j.randn(DataType.FLOAT, 1, 3, 7, 5));
        // Enough values to go over the pool, rows longer than a block.
        INDArray big = Nd4j.randn(DataType.FLOAT, 8, 40_000);
        assertSums(Nd4j.randn(DataType.FLOAT, 8, 40_000), big, Nd4j.randn(DataType.FLOAT, 1, 40_000));
    }

    @Test
    void declinesWhatItDoesNotHandle() {
        INDArray d = Nd4j.randn(DataType.DOUBLE, 3, 4);
        assertNull(PairSums.of(d, PairActivations.of(d, d)), "DOUBLE keeps the ND4J ops");
        INDArray f = Nd4j.randn(DataType.FLOAT, 3, 4);
        assertNull(PairSums.of(f.reshape(3, 2, 2), PairActivations.of(f, f)), "multipliers of another shape");
        assertNull(PairSums.of(f, PairActivations.tokens(f, f)), "token indices");
        assertNull(PairSums.of(f, PairActivations.of(f, Nd4j.randn(DataType.FLOAT, 2, 4))), "a reference of 2 rows");
        assertNull(Kernels.withNd4jPath(() -> PairSums.of(f, PairActivations.of(f, f))), "kernels switched off");
    }

    @Test
    void keysMatchTheSameMemoryInTheSameOrderAndNothingElse() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 4, 2, 6);
        INDArray ref = Nd4j.randn(DataType.FLOAT, 1, 2, 6);
        INDArray m = Nd4j.randn(DataType.FLOAT, 4, 2, 6);
        PairSums.Key key = PairSums.key(m, PairActivations.of(x, ref));
        PairSums.Key reshaped = PairSums.key(m.reshape(4, 12), PairActivations.of(x.reshape(4, 12), ref.reshape(1, 12)));
        assertEquals(key, reshaped, "a reshape view reads the same values in the same order");
        assertEquals(key.hashCode(), reshaped.hashCode());
        assertNotEquals(key, PairSums.key(m.dup(), PairActivations.of(x, ref)), "other memory");
        assertNotEquals(key, PairSums.key(m, PairActivations.of(x, ref.dup())), "another reference");
        assertNull(PairSums.key(m.permute(0, 2, 1), PairActivations.of(x.permute(0, 2, 1), ref.permute(0, 2, 1))),
                "a permuted view is read through a copy, so it has no key");
    }

    @Test
    void theKernelsLeaveTheSumsOfWhatTheySendBackWhileCollecting() {
        Nd4j.getRandom().setSeed(9);
        INDArray z = Nd4j.randn(DataType.FLOAT, 5, 4, 6, 30);
        INDArray zRef = Nd4j.randn(DataType.FLOAT, 1, 4, 6, 30);
        PairActivations zPair = PairActivations.of(z, zRef);
        PairActivations yPair = PairActivations.of(Transforms.relu(z, true), Transforms.relu(zRef, true));
        INDArray mOut = Nd4j.randn(DataType.FLOAT, 5, 4, 6, 30);
        Window2D window = new Window2D(2, 3, 2, 3, 0, 0, 1, 1, false, false);
        PairActivations pooled = PairActivations.of(maxPool(yPair.input()), maxPool(yPair.reference()));
        INDArray mPooled = Nd4j.randn(DataType.FLOAT, 5, 4, 3, 10);
        Map<PairSums.Key, double[][]> left = new HashMap<>();
        INDArray mIn;
        INDArray mY;
        try (PairSums.Scope ignored = PairSums.collectInto(left)) {
            mY = CrossMaxPoolKernel.multipliers(yPair, pooled, mPooled, window, 1e-5);
            mIn = ReluRescaleKernel.multipliers(zPair, yPair, mOut, 1e-5);
        }
        assertNotNull(mY, "the pooling kernel ran");
        assertNotNull(mIn, "the ReLU kernel ran");
        assertEquals(2, left.size(), "one pair each");
        assertEqualSums(left.get(PairSums.key(mY, yPair)), PairSums.of(mY, yPair));
        assertEqualSums(left.get(PairSums.key(mIn, zPair)), PairSums.of(mIn, zPair));
        ReluRescaleKernel.multipliers(zPair, yPair, mOut, 1e-5);
        assertEquals(2, left.size(), "nothing is left once the scope is closed");
    }

    /** Window maxima over 2×3 windows of {@code [N, C, 6, 30]}. */
    private static INDArray maxPool(INDArray x) {
        long n = x.size(0);
        long c = x.size(1);
        INDArray out = Nd4j.create(DataType.FLOAT, n, c, 3, 10);
        for (long i = 0; i < n; i++) {
            for (long ch = 0; ch < c; ch++) {
                for (int oh = 0; oh < 3; oh++) {
                    for (int ow = 0; ow < 10; ow++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int kh = 0; kh < 2; kh++) {
                            for (int kw = 0; kw < 3; kw++) {
                                max = Math.max(max, x.getDouble(i, ch, oh * 2 + kh, ow * 3 + kw));
                            }
                        }
                        out.putScalar(new long[] {i, ch, oh, ow}, max);
                    }
                }
            }
        }
        return out;
    }

    /** The same float products in the same order: equal sums, value for value. */
    private static void assertEqualSums(double[][] left, double[][] swept) {
        assertNotNull(left, "left by the kernel");
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < swept[k].length; i++) {
                assertEquals(swept[k][i], left[k][i], 0.0, "part " + k + ", example " + i);
            }
        }
    }
}
