package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.reference.EmbeddingReference;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Token scores computed by hand for a tiny embedding network:
 * {@code EmbeddingSequenceLayer(4 → 2) → GlobalPooling SUM over time → Dense(2, relu) → Output(1)} with
 * {@code W = [[1, 0], [0, 1], [2, −1], [−1, 1]]}, dense weights {@code [[1, 1], [1, −1]]} and bias {@code (0, −2)},
 * output weights {@code (1, 1)}.
 */
class EmbeddingExactValuesTest {
    private static final double EXACT = 1e-12;

    private static MultiLayerNetwork handNet() {
        MultiLayerNetwork net = EmbeddingNets.pooled(1, 4, 2, RNNFormat.NCW, false, Activation.IDENTITY,
                PoolingType.SUM, 2, 1);
        net.getLayer(0).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1, 0}, {0, 1}, {2, -1}, {-1, 1}}));
        net.getLayer(2).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1, 1}, {1, -1}}));
        net.getLayer(2).getParam("b").assign(Nd4j.createFromArray(new double[][] {{0, -2}}));
        net.getLayer(3).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1}, {1}}));
        net.getLayer(3).getParam("b").assign(0.0);
        return net;
    }

    @Test
    void sequenceTokenScoresAreTheHandComputedSumsOfEmbeddingContributions() {
        // Example 0: x = (2, 1, 3) against (0, 0, 0). Pooled (1, 1) vs (3, 0); dense (2, −2) vs (3, 1); relu (2, 0)
        // vs (3, 1); y = 2 vs 4. Rescale multipliers (1, 1/3) at the dense units give (4/3, 2/3) per step, so the
        // tokens score (1, −1)·m = 2/3, (−1, 1)·m = −2/3 and (−2, 1)·m = −2.
        // Example 1: x = (0, 1, 1): step 0 keeps its token (score 0); dense (3, −3) vs (3, 1): multipliers
        // (relu'(3) = 1, 1/4), per step (5/4, 3/4); steps 1 and 2 score (−1, 1)·m = −1/2 each.
        Attribution a = DeepLift.of(handNet()).explain(Nd4j.createFromArray(new double[][] {{2, 1, 3}, {0, 1, 1}}),
                Nd4j.createFromArray(new double[][] {{0, 0, 0}}), 0);
        assertArrayEquals(new double[] {2.0 / 3, -2.0 / 3, -2}, a.scores().getRow(0).toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {0, -0.5, -0.5}, a.scores().getRow(1).toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {-2, -1}, a.deltas().toDoubleVector(), EXACT);
        // Multipliers of tokens are their scores where the token changes, 0 where it does not.
        assertArrayEquals(a.scores().toDoubleMatrix(), a.multipliers().toDoubleMatrix());
        assertEquals(0.0, a.maxSummationError(), EXACT);
    }

    @Test
    void zeroVectorsInEmbeddingSpaceGiveTheHandComputedScores() {
        // x = (2, 1, 3) against all-zero vectors: pooled (1, 1) vs (0, 0); dense (2, −2) vs (0, −2); relu (2, 0) vs
        // (0, 0); y = 2 vs 0. Multipliers (1, relu'(−2) = 0) at the dense units, (1, 1) per step: the tokens score
        // (2, −1)·m = 1, (0, 1)·m = 1 and (−1, 1)·m = 0.
        Attribution a = DeepLift.of(handNet()).explain(Nd4j.createFromArray(new double[][] {{2, 1, 3}}),
                EmbeddingReference.zeros(), 0);
        assertArrayEquals(new double[] {1, 1, 0}, a.scores().toDoubleVector(), EXACT);
        assertEquals(2.0, a.deltas().getDouble(0), EXACT);
        assertEquals("embedding space: zeros", a.provenance().reference());
    }

    @Test
    void oneTokenPerExampleScoresTheWholeLogitChange() {
        // EmbeddingLayer(3 → 2) → Dense(2, relu) with identity weights → Output(1) with weights (1, 2), bias 0.5:
        // f(token) = relu(W[token]) · (1, 2) + 0.5, one token per example, so its score is the whole change.
        MultiLayerNetwork net = EmbeddingNets.single(2, 3, 2, false, Activation.IDENTITY, 2, 1);
        net.getLayer(0).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1, 1}, {0, 4}, {3, -1}}));
        net.getLayer(1).getParam("W").assign(Nd4j.eye(2));
        net.getLayer(1).getParam("b").assign(0.0);
        net.getLayer(2).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1}, {2}}));
        net.getLayer(2).getParam("b").assign(0.5);
        Attribution a = DeepLift.of(net).explain(Nd4j.createFromArray(new double[][] {{2}, {1}, {0}}),
                Nd4j.createFromArray(new double[][] {{0}}), 0);
        // Token 2: relu (3, 0) vs (1, 1): 2·1 + (−1)·2 = 0. Token 1: relu (0, 4) vs (1, 1): −1 + 3·2 = 5. Token 0: 0.
        assertArrayEquals(new double[] {0, 5, 0}, a.scores().reshape(3).toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {0, 5, 0}, a.deltas().toDoubleVector(), EXACT);
    }
}
