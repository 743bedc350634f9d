package dev.deeplift.dl4j;

import static dev.deeplift.dl4j.TestNets.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-derived values on DL4J dense networks. */
class DenseExactValuesTest {
    private static final Activation RELU = Activation.RELU;
    private static final Activation ID = Activation.IDENTITY;

    @Test
    void twoReluUnitsGiveScoresTwoAndOne() {
        // f = 2·relu(x1) + 2·relu(x2 − 1.5) at x = (1, 2), reference 0.
        MultiLayerNetwork net = TestNets.dense(new Activation[] {RELU, ID},
                new double[][][] {{{1, 0}, {0, 1}}, {{2}, {2}}}, new double[][] {{0, -1.5}, {0}});
        Attribution a = DeepLift.of(net).explain(row(1, 2), 0);
        assertArrayEquals(new double[] {2.0, 1.0}, a.scores().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {2.0, 0.5}, a.multipliers().toDoubleVector(), 1e-12);
        assertEquals(3.0, a.deltas().getDouble(0), 1e-12);
        assertEquals(0.0, a.maxSummationError(), 1e-12);
    }

    @Test
    void linearNetworkMultipliersAreTheTargetsWeightColumn() {
        double[][] w = {{1, -2}, {3, 4}, {-5, 6}, {7, 0.5}};
        MultiLayerNetwork net = TestNets.dense(new Activation[] {Activation.SOFTMAX}, new double[][][] {w},
                new double[][] {{0.3, -0.7}});
        var x = TestNets.uniform(DataType.DOUBLE, 1, 2.0, 3, 4);
        var ref = TestNets.uniform(DataType.DOUBLE, 2, 2.0, 1, 4);
        for (int t = 0; t < 2; t++) {
            Attribution a = DeepLift.of(net).explain(x, ref, t);
            for (int i = 0; i < 3; i++) {
                double[] col = {w[0][t], w[1][t], w[2][t], w[3][t]};
                assertArrayEquals(col, a.multipliers().getRow(i).toDoubleVector(), 1e-12);
            }
            // Deltas are logit differences, before the softmax.
            var logits = x.mmul(Nd4j.createFromArray(w)).getColumn(t);
            var refLogit = ref.mmul(Nd4j.createFromArray(w)).getDouble(0, t);
            assertArrayEquals(logits.subi(refLogit).toDoubleVector(), a.deltas().toDoubleVector(), 1e-12);
        }
    }

    @Test
    void thresholdedReluGivesContinuousScoresWhereGradientTimesInputJumps() {
        // The paper's Figure 2: y = relu(x − 10), reference 0.
        MultiLayerNetwork net = TestNets.dense(new Activation[] {RELU, ID},
                new double[][][] {{{1}}, {{1}}}, new double[][] {{-10}, {0}});
        double eps = 1e-3;
        DeepLift dl = DeepLift.of(net);
        DeepLift grad = dl.withRule(Rule.GRADIENT);
        double below = dl.explain(row(10 - eps), 0).scores().getDouble(0);
        double above = dl.explain(row(10 + eps), 0).scores().getDouble(0);
        assertEquals(0.0, below, 1e-12);
        assertEquals(eps, above, 1e-9);
        double gBelow = grad.explain(row(10 - eps), 0).scores().getDouble(0);
        double gAbove = grad.explain(row(10 + eps), 0).scores().getDouble(0);
        assertEquals(0.0, gBelow, 1e-12);
        assertEquals(10 + eps, gAbove, 1e-9);
    }

    @Test
    void revealCancelGivesTheIssueExample() {
        MultiLayerNetwork net = TestNets.dense(new Activation[] {RELU, ID},
                new double[][][] {{{1}, {-2}, {-3}, {4}}, {{1}}}, new double[][] {{1}, {0}});
        Attribution a = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(row(-1, -1, 1, 1), 0);
        assertArrayEquals(new double[] {0.625, -1.5, -1.875, 3.0}, a.multipliers().toDoubleVector(), 1e-12);
        assertEquals(2.0, a.scores().sumNumber().doubleValue(), 1e-12);
    }

    @Test
    void minimumOfTwoInputsSplitsEvenlyUnderRevealCancelButNotRescale() {
        // The paper's Figure 3: o = i1 − relu(i1 − i2) = min(i1, i2), here as h = relu([i1, i1 − i2]),
        // o = h1 − h2 (exact for i1 ≥ 0), at (3, 1) with reference 0.
        MultiLayerNetwork net = TestNets.dense(new Activation[] {RELU, ID},
                new double[][][] {{{1, 1}, {0, -1}}, {{1}, {-1}}}, new double[][] {{0, 0}, {0}});
        var x = row(3, 1);
        assertArrayEquals(new double[] {0.0, 1.0}, DeepLift.of(net).explain(x, 0).scores().toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0.5, 0.5},
                DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(x, 0).scores().toDoubleVector(), 1e-12);
    }

    @Test
    void reluPassesNothingBackAtAZeroPreActivation() {
        // z = x1 − x2 is 0 at the input (1, 1) and at the reference 0, so Δz = 0 although Δx ≠ 0.
        MultiLayerNetwork net = TestNets.dense(new Activation[] {RELU, ID},
                new double[][][] {{{1}, {-1}}, {{1}}}, new double[][] {{0}, {0}});
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.GRADIENT}) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(row(1, 1), 0);
            assertArrayEquals(new double[] {0, 0}, a.scores().toDoubleVector(), 0.0, rule.toString());
            assertArrayEquals(new double[] {0, 0}, a.multipliers().toDoubleVector(), 0.0, rule.toString());
        }
        // RevealCancel reveals the two cancelling terms: Δz+ = 1 and Δz− = −1 give Δy± = ±0.5.
        Attribution rc = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(row(1, 1), 0);
        assertArrayEquals(new double[] {0.5, -0.5}, rc.scores().toDoubleVector(), 1e-12);
    }

    @Test
    void sharedAndRepeatedReferencesGiveTheSameScores() {
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 5, new int[] {6, 8, 3},
                new org.nd4j.linalg.activations.IActivation[] {Activation.TANH.getActivationFunction()},
                Activation.SOFTMAX);
        var x = TestNets.uniform(DataType.DOUBLE, 6, 1.0, 4, 6);
        var ref = TestNets.uniform(DataType.DOUBLE, 7, 1.0, 1, 6);
        for (Rule rule : Rule.values()) {
            DeepLift dl = DeepLift.of(net).withRule(rule);
            var shared = dl.explain(x, ref, new int[] {0, 1, 2, 1});
            var repeated = dl.explain(x, ref.repeat(0, 4), new int[] {0, 1, 2, 1});
            assertTrue(shared.scores().equalsWithEps(repeated.scores(), 1e-12), rule.toString());
        }
    }
}
