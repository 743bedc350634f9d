package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.LayerChecks;
import dev.deeplift.core.Rule;
import dev.deeplift.core.engine.ExplainedModel;
import dev.deeplift.core.engine.ForwardPass;
import dev.deeplift.core.engine.Propagator;
import dev.deeplift.core.engine.RulePlan;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.EmbeddingReference;
import dev.deeplift.core.reference.Reference;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Embedding networks end to end: forwards against DL4J, summation-to-delta, references, DeepSHAP, batches. */
class EmbeddingTest {
    private static final double TOL = 1e-10;
    private static final int VOCAB = 7;
    private static final int WIDTH = 4;
    private static final int STEPS = 5;

    private static MultiLayerNetwork pooled(RNNFormat format, PoolingType pooling) {
        return EmbeddingNets.pooled(11, VOCAB, WIDTH, format, true, Activation.TANH, pooling, 5, 3);
    }

    /** The explainer's own forward logits: the output node's activations at the input. */
    private static INDArray logits(DeepLift dl, INDArray x) {
        ExplainedModel m = dl.model();
        Propagator p = new Propagator(m.graph(), RulePlan.create(m.graph(), dl.rules(), dl.maxPoolMode(), 1e-10));
        List<INDArray> in = new ArrayList<>();
        for (int i : m.graph().inputIndices()) {
            in.add(((InputNode) m.graph().entry(i).node()).isMask() ? Nd4j.ones(DataType.DOUBLE, x.size(0),
                    x.size(x.rank() - 1)) : x);
        }
        ForwardPass pass = p.forward(in, in);
        return pass.activations(m.outputNode(0)).input();
    }

    @Test
    void dl4jOutputEqualsTheHandForwardAndTheExplainersForwardLogits() {
        INDArray x = EmbeddingNets.tokens(1, 6, STEPS, VOCAB);
        for (RNNFormat format : RNNFormat.values()) {
            for (PoolingType pooling : new PoolingType[] {PoolingType.AVG, PoolingType.SUM, PoolingType.MAX}) {
                MultiLayerNetwork net = pooled(format, pooling);
                double[][] hand = EmbeddingNets.pooledForward(net, x.toDoubleMatrix(), null, pooling, true);
                INDArray out = net.output(x);
                String what = format + " " + pooling;
                for (int i = 0; i < hand.length; i++) {
                    assertArrayEquals(hand[i], out.getRow(i).toDoubleVector(), 1e-12, what);
                }
                assertEquals(out, logits(DeepLift.of(net), x), what);
                // The rank-3 form [N, 1, T] is the same input.
                assertEquals(out, logits(DeepLift.of(net), x.reshape(6, 1, STEPS)), what);
            }
        }
        MultiLayerNetwork single = EmbeddingNets.single(3, VOCAB, WIDTH, true, Activation.SIGMOID, 5, 3);
        INDArray column = EmbeddingNets.tokens(4, 9, 1, VOCAB);
        assertEquals(single.output(column), logits(DeepLift.of(single), column));
    }

    @Test
    void tokenScoresSumToTheDeltasAndEveryNodeConservesExactly() {
        INDArray x = EmbeddingNets.tokens(5, 8, STEPS, VOCAB);
        INDArray ref = EmbeddingNets.tokens(6, 1, STEPS, VOCAB);
        for (RNNFormat format : RNNFormat.values()) {
            for (PoolingType pooling : new PoolingType[] {PoolingType.AVG, PoolingType.MAX}) {
                for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
                    MultiLayerNetwork net = pooled(format, pooling);
                    Attribution a = DeepLift.of(net).withRule(rule).withLayerChecks(true).explain(x, ref, 2);
                    String what = format + " " + pooling + " " + rule;
                    assertArrayEquals(new long[] {8, STEPS}, a.scores().shape(), what);
                    assertTrue(a.maxSummationError() < TOL, what + ": " + a.maxSummationError());
                    LayerChecks checks = a.layerChecks().orElseThrow();
                    assertTrue(checks.worst().error() < TOL, what + ": " + checks.worst());
                    INDArray expected = net.output(x).getColumn(2).sub(net.output(ref).getDouble(0, 2));
                    assertArrayEquals(expected.toDoubleVector(), a.deltas().toDoubleVector(), 1e-12, what);
                }
            }
        }
        MultiLayerNetwork single = EmbeddingNets.single(3, VOCAB, WIDTH, true, Activation.TANH, 5, 3);
        INDArray column = EmbeddingNets.tokens(4, 9, 1, VOCAB);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(single).withRule(rule).withLayerChecks(true).explain(column,
                    Nd4j.createFromArray(new double[][] {{3}}), 1);
            assertTrue(a.maxSummationError() < TOL, rule + ": " + a.maxSummationError());
            assertTrue(a.layerChecks().orElseThrow().worst().error() < TOL, rule.toString());
        }
    }

    @Test
    void aTokenEqualToItsReferenceScoresZeroAndItsDeltaIsZero() {
        MultiLayerNetwork net = pooled(RNNFormat.NCW, PoolingType.AVG);
        INDArray x = EmbeddingNets.tokens(7, 4, STEPS, VOCAB);
        INDArray ref = x.dup();
        ref.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2)).assign(6.0);
        x.get(NDArrayIndex.all(), NDArrayIndex.point(0)).assign(6.0);
        Attribution a = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(x, ref, 0);
        for (int i = 0; i < 4; i++) {
            assertEquals(0.0, a.scores().getDouble(i, 0), 0.0);
            for (int t = 2; t < STEPS; t++) {
                assertEquals(0.0, a.scores().getDouble(i, t), 0.0);
                assertEquals(0.0, a.multipliers().getDouble(i, t), 0.0);
            }
        }
        assertTrue(a.maxSummationError() < TOL);
    }

    @Test
    void anExamplesScoresAloneEqualItsScoresInABatch() {
        MultiLayerNetwork net = pooled(RNNFormat.NWC, PoolingType.MAX);
        INDArray x = EmbeddingNets.tokens(8, 10, STEPS, VOCAB);
        INDArray refs = EmbeddingNets.tokens(9, 10, STEPS, VOCAB);
        DeepLift dl = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL);
        Attribution batch = dl.explain(x, refs, 1);
        Attribution chunked = dl.withChunkSize(3).explain(x, refs, 1);
        assertEquals(batch.scores(), chunked.scores());
        for (int i : new int[] {0, 4, 9}) {
            Attribution alone = dl.explain(x.getRow(i, true), refs.getRow(i, true), 1);
            assertEquals(batch.scores().getRow(i, true), alone.scores());
        }
    }

    @Test
    void referenceVectorsOfTheReferenceTokensGiveTheScoresOfThoseTokens() {
        for (RNNFormat format : RNNFormat.values()) {
            MultiLayerNetwork net = pooled(format, PoolingType.AVG);
            INDArray x = EmbeddingNets.tokens(10, 5, STEPS, VOCAB);
            INDArray refTokens = EmbeddingNets.tokens(11, 1, STEPS, VOCAB);
            double[][] w = EmbeddingNets.matrix(net, 0, "W");
            INDArray vectors = format == RNNFormat.NCW ? Nd4j.zeros(DataType.DOUBLE, 1, WIDTH, STEPS)
                    : Nd4j.zeros(DataType.DOUBLE, 1, STEPS, WIDTH);
            for (int t = 0; t < STEPS; t++) {
                for (int d = 0; d < WIDTH; d++) {
                    double v = w[refTokens.getInt(0, t)][d];
                    vectors.putScalar(format == RNNFormat.NCW ? new long[] {0, d, t} : new long[] {0, t, d}, v);
                }
            }
            DeepLift dl = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL);
            Attribution byTokens = dl.explain(x, refTokens, 2);
            Attribution byVectors = dl.explain(x, EmbeddingReference.vectors(vectors), 2);
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(byTokens.scores().getRow(i).toDoubleVector(),
                        byVectors.scores().getRow(i).toDoubleVector(), 1e-12, format.toString());
            }
            assertArrayEquals(byTokens.deltas().toDoubleVector(), byVectors.deltas().toDoubleVector(), 1e-12);
        }
    }

    @Test
    void zeroAndPerExampleReferenceVectorsSumToTheHandForwardsDeltas() {
        MultiLayerNetwork net = pooled(RNNFormat.NCW, PoolingType.SUM);
        INDArray x = EmbeddingNets.tokens(12, 4, STEPS, VOCAB);
        double[][] fx = EmbeddingNets.pooledForward(net, x.toDoubleMatrix(), null, PoolingType.SUM, true);
        double[][] fZero = EmbeddingNets.pooledForward(net, null, new double[1][STEPS][WIDTH], PoolingType.SUM,
                true);
        Attribution zero = DeepLift.of(net).explain(x, EmbeddingReference.zeros(), 1);
        for (int i = 0; i < 4; i++) {
            assertEquals(fx[i][1] - fZero[0][1], zero.deltas().getDouble(i), 1e-12);
        }
        assertTrue(zero.maxSummationError() < TOL);

        INDArray vectors = Nd4j.rand(DataType.DOUBLE, 4, WIDTH, STEPS).subi(0.5);
        double[][][] v = new double[4][STEPS][WIDTH];
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < STEPS; t++) {
                for (int d = 0; d < WIDTH; d++) {
                    v[i][t][d] = vectors.getDouble(i, d, t);
                }
            }
        }
        double[][] fv = EmbeddingNets.pooledForward(net, null, v, PoolingType.SUM, true);
        Attribution perExample = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL)
                .explain(x, EmbeddingReference.vectors(vectors), new int[] {0, 1, 2, 0});
        int[] t = {0, 1, 2, 0};
        for (int i = 0; i < 4; i++) {
            assertEquals(fx[i][t[i]] - fv[i][t[i]], perExample.deltas().getDouble(i), 1e-12);
        }
        assertTrue(perExample.maxSummationError() < TOL);
        // Against vectors, every token changes: its multiplier is its score.
        assertEquals(perExample.scores(), perExample.multipliers());
    }

    @Test
    void deepShapOverTokenBackgroundsIsExactPerPairAndTheMeanOfTheSingleReferenceScores() {
        MultiLayerNetwork net = pooled(RNNFormat.NCW, PoolingType.AVG);
        INDArray x = EmbeddingNets.tokens(13, 3, STEPS, VOCAB);
        INDArray background = EmbeddingNets.tokens(14, 6, STEPS, VOCAB);
        DeepLift dl = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL);
        Attribution shap = DeepShap.of(dl).explain(x, Reference.background(background), 1);
        assertTrue(shap.maxPairSummationError() < TOL, "pair error " + shap.maxPairSummationError());
        INDArray mean = Nd4j.zeros(DataType.DOUBLE, 3, STEPS);
        for (int k = 0; k < 6; k++) {
            Attribution one = dl.explain(x, background.getRow(k, true), 1);
            mean.addi(one.scores());
            for (int i = 0; i < 3; i++) {
                assertEquals(one.deltas().getDouble(i), shap.pairDeltas().getDouble(i, k), 1e-12);
            }
        }
        mean.divi(6);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(mean.getRow(i).toDoubleVector(), shap.scores().getRow(i).toDoubleVector(), 1e-12);
        }
        // 40 examples go by reference (each batch of examples forwarded once, the references stacked).
        INDArray many = EmbeddingNets.tokens(15, 40, STEPS, VOCAB);
        Attribution byReference = DeepShap.of(dl).explain(many, Reference.background(background), 2);
        assertTrue(byReference.maxPairSummationError() < TOL);
        Attribution byPairs = DeepShap.of(dl).withBatchSize(7).explain(many.get(NDArrayIndex.interval(0, 3)),
                Reference.background(background), 2);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(byPairs.scores().getRow(i).toDoubleVector(),
                    byReference.scores().getRow(i).toDoubleVector(), 1e-12);
        }
    }

    @Test
    void floatNetworksTakeDoubleTokensAndSumToTheDeltaWithinFloatPrecision() {
        MultiLayerNetwork net = pooled(RNNFormat.NCW, PoolingType.MAX).convertDataType(DataType.FLOAT);
        INDArray x = EmbeddingNets.tokens(19, 6, STEPS, VOCAB);
        Attribution a = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(x, EmbeddingNets.tokens(20, 1, STEPS,
                VOCAB), 0);
        assertEquals(DataType.FLOAT, a.scores().dataType());
        double scale = Math.max(1.0, a.deltas().amaxNumber().doubleValue());
        assertTrue(a.maxSummationError() < 1e-5 * scale, "" + a.maxSummationError());
    }

    @Test
    void theEmbeddingLayersOwnScoresSumToTheDeltaAndEachTokensToItsScore() {
        MultiLayerNetwork net = pooled(RNNFormat.NWC, PoolingType.AVG);
        INDArray x = EmbeddingNets.tokens(21, 3, STEPS, VOCAB);
        INDArray ref = EmbeddingNets.tokens(22, 1, STEPS, VOCAB);
        DeepLift dl = DeepLift.of(net);
        Attribution tokens = dl.explain(x, ref, 2);
        Attribution layer = dl.explainLayer(x, ref, 2, "0");
        assertArrayEquals(new long[] {3, STEPS, WIDTH}, layer.scores().shape());
        // The layer's output is after its tanh; its units' scores summed per step are the token scores.
        INDArray perStep = layer.scores().sum(2);
        for (int i = 0; i < 3; i++) {
            assertArrayEquals(tokens.scores().getRow(i).toDoubleVector(), perStep.getRow(i).toDoubleVector(), 1e-12);
        }
        assertTrue(layer.maxSummationError() < TOL);
    }

    @Test
    void explainingLeavesTheNetworkAsItWas() {
        MultiLayerNetwork net = pooled(RNNFormat.NCW, PoolingType.AVG);
        INDArray x = EmbeddingNets.tokens(16, 4, STEPS, VOCAB);
        INDArray params = net.params().dup();
        INDArray out = net.output(x).dup();
        var conf = net.getLayerWiseConfigurations().toJson();
        for (Rule rule : Rule.values()) {
            DeepLift.of(net).withRule(rule).explain(x, EmbeddingNets.tokens(17, 1, STEPS, VOCAB), 1);
        }
        DeepLift.of(net).explain(x, EmbeddingReference.zeros(), 1);
        DeepShap.of(DeepLift.of(net)).explain(x, Reference.background(EmbeddingNets.tokens(18, 3, STEPS, VOCAB)),
                0);
        assertEquals(params, net.params());
        assertEquals(out, net.output(x));
        assertEquals(conf, net.getLayerWiseConfigurations().toJson());
    }
}
