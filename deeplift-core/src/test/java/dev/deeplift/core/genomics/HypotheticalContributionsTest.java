package dev.deeplift.core.genomics;

import static dev.deeplift.core.ExactArrays.assertSameValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.Attribution;
import dev.deeplift.core.methods.LinearExplainer;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.core.reference.ReferenceSet;
import dev.deeplift.core.Layout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hypothetical contributions: a hand-computed case, the projection identity, and the DeepSHAP average. */
class HypotheticalContributionsTest {

    /** {@code [N, L, 4]} random one-hot DNA, every 9th position N (all zero). */
    private static INDArray oneHot(DataType dt, long seed, int n, int length) {
        Random rng = new Random(seed);
        INDArray x = Nd4j.zeros(dt, n, length, 4);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < length; p++) {
                if (p % 9 != 4) {
                    x.putScalar(new long[] {i, p, rng.nextInt(4)}, 1.0);
                }
            }
        }
        return x;
    }

    /** Per-position sums over the alphabet, {@code [N, L]}. */
    private static INDArray perPosition(INDArray a) {
        return a.sum(2);
    }

    @Test
    void aHandComputedCase() {
        INDArray m = Nd4j.createFromArray(new double[][][] {{{1, 2, 3, 4}, {0.5, -1, 0, 2}}});
        INDArray ref = Nd4j.createFromArray(new double[][][] {{{0.25, 0.25, 0.25, 0.25}, {0, 1, 0, 0}}});
        INDArray x = Nd4j.createFromArray(new double[][][] {{{0, 0, 1, 0}, {1, 0, 0, 0}}}); // G, A
        // Position 0: Σ ref·m = 2.5; position 1: Σ ref·m = −1.
        INDArray hyp = HypotheticalContributions.of(m, ref);
        assertArrayEquals(new double[] {-1.5, -0.5, 0.5, 1.5, 1.5, 0, 1, 3}, hyp.reshape(8).toDoubleVector(), 1e-15);
        assertArrayEquals(new double[] {0, 0, 0.5, 0, 1.5, 0, 0, 0},
                HypotheticalContributions.project(hyp, x).reshape(8).toDoubleVector(), 1e-15);
        // The actual scores m·(x − ref) sum to the projection at each position: 0.5 and 1.5.
        INDArray scores = m.mul(x.sub(ref));
        assertArrayEquals(new double[] {0.5, 1.5}, perPosition(scores).reshape(2).toDoubleVector(), 1e-15);

        INDArray first = HypotheticalContributions.of(m.permute(0, 2, 1).dup(), ref.permute(0, 2, 1).dup(),
                Layout.NCW);
        assertSameValues(hyp.permute(0, 2, 1), first, "channels first");
    }

    @Test
    void allZeroMultipliersGiveZero() {
        INDArray ref = oneHot(DataType.FLOAT, 1, 3, 20);
        INDArray hyp = HypotheticalContributions.of(Nd4j.zeros(DataType.FLOAT, 3, 20, 4), ref);
        assertSameValues(Nd4j.zeros(DataType.FLOAT, 3, 20, 4), hyp, "zero multipliers");
    }

    @Test
    void projectingTheHypotheticalScoresOfTheActualReferenceGivesTheActualScores() {
        INDArray x = oneHot(DataType.DOUBLE, 2, 4, 50);
        INDArray ref = Reference.dinucleotideShuffled(1, 9L).forInput(x).single();
        Nd4j.getRandom().setSeed(3);
        INDArray m = Nd4j.rand(DataType.DOUBLE, 4, 50, 4).subi(0.5);
        INDArray scores = m.mul(x.sub(ref));
        INDArray projected = HypotheticalContributions.project(HypotheticalContributions.of(m, ref), x);
        assertTrue(perPosition(scores).equalsWithEps(perPosition(projected), 1e-14));
        assertEquals(scores.sumNumber().doubleValue(), projected.sumNumber().doubleValue(), 1e-12);
        // At N positions the shuffled reference is N too, so both are zero there.
        assertEquals(0.0, Math.abs(perPosition(scores).getDouble(0, 4)), 0.0);
        assertEquals(0.0, Math.abs(perPosition(projected).getDouble(0, 4)), 0.0);
        // With a zero reference the projection equals the scores element by element.
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 50, 4);
        assertSameValues(m.mul(x), HypotheticalContributions.project(HypotheticalContributions.of(m, zero), x),
                "zero reference");
    }

    @Test
    void deepShapAveragesTheHypotheticalScoresOfEveryPair() {
        int n = 3;
        int length = 30;
        INDArray x = oneHot(DataType.DOUBLE, 4, n, length);
        Nd4j.getRandom().setSeed(5);
        INDArray w = Nd4j.rand(DataType.DOUBLE, length * 4, 2).subi(0.5);
        int[] targets = {1, 0, 1};
        Reference shuffled = Reference.dinucleotideShuffled(6, 11L);
        Attribution a = HypotheticalContributions.deepShap(
                DeepShap.of(new LinearExplainer(w)).withBatchSize(4), x, shuffled, targets);
        INDArray meanHyp = a.averagedQuantity().orElseThrow();

        // By hand: the linear model's multipliers are the weights, so hyp_r = w − Σ_c ref_r·w per position.
        ReferenceSet refs = shuffled.forInput(x);
        for (int i = 0; i < n; i++) {
            INDArray wi = w.getColumn(targets[i]).reshape(1, length, 4);
            INDArray sum = Nd4j.zeros(DataType.DOUBLE, 1, length, 4);
            for (int r = 0; r < 6; r++) {
                sum.addi(HypotheticalContributions.of(wi, refs.get(i, r, r + 1)));
            }
            INDArray expected = sum.divi(6);
            INDArray actual = meanHyp.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1));
            assertTrue(expected.equalsWithEps(actual, 1e-14), "example " + i);
        }
        // Projected onto the sequence, the mean hypothetical scores sum to the mean scores at every position.
        INDArray projected = HypotheticalContributions.project(meanHyp, x);
        assertTrue(perPosition(a.scores()).equalsWithEps(perPosition(projected), 1e-13));
        assertEquals(0.0, a.maxPairSummationError(), 1e-12);

        for (int b : new int[] {1, 7, 64}) {
            Attribution other = HypotheticalContributions.deepShap(
                    DeepShap.of(new LinearExplainer(w)).withBatchSize(b), x, shuffled, targets);
            assertSameValues(meanHyp, other.averagedQuantity().orElseThrow(), "batch size " + b);
            assertSameValues(a.scores(), other.scores(), "batch size " + b);
        }
    }

    @Test
    void badShapesAreRejected() {
        INDArray m = Nd4j.zeros(DataType.FLOAT, 2, 5, 4);
        assertThrows(IllegalArgumentException.class, () -> HypotheticalContributions.of(Nd4j.zeros(2, 20), m));
        var e = assertThrows(IllegalArgumentException.class,
                () -> HypotheticalContributions.of(m, Nd4j.zeros(DataType.FLOAT, 3, 5, 4)));
        assertTrue(e.getMessage().contains("[3, 5, 4]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HypotheticalContributions.of(m, null));
        assertThrows(IllegalArgumentException.class,
                () -> HypotheticalContributions.project(m, Nd4j.zeros(DataType.FLOAT, 2, 4, 5)));
        // A shared [1, L, 4] reference broadcasts.
        assertArrayEquals(new long[] {2, 5, 4},
                HypotheticalContributions.of(m, Nd4j.ones(DataType.FLOAT, 1, 5, 4)).shape());
    }
}
