package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.reference.EmbeddingReference;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Embeddings in computation graphs: beside a continuous input, and two embeddings of one token input. */
class EmbeddingGraphTest {
    private static final int VOCAB = 6;
    private static final int STEPS = 4;

    private static ComputationGraphConfiguration.GraphBuilder builder() {
        return new NeuralNetConfiguration.Builder().seed(51).dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER)
                .graphBuilder();
    }

    private static EmbeddingSequenceLayer embedding(int width, RNNFormat format) {
        return new EmbeddingSequenceLayer.Builder().nIn(VOCAB).nOut(width).outputDataFormat(format).hasBias(true)
                .activation(Activation.TANH).build();
    }

    private static GlobalPoolingLayer pooling(PoolingType type, RNNFormat format) {
        return new GlobalPoolingLayer.Builder(type).poolingDimensions(format == RNNFormat.NCW ? 2 : 1).build();
    }

    private static OutputLayer output(int nIn) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(nIn).nOut(2)
                .activation(Activation.IDENTITY).build();
    }

    private static ComputationGraph init(ComputationGraphConfiguration conf) {
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Nd4j.getRandom().setSeed(52);
        for (var layer : g.getLayers()) {
            INDArray b = layer.paramTable().get("b");
            if (b != null) {
                b.assign(Nd4j.rand(DataType.DOUBLE, b.shape()).subi(0.5));
            }
        }
        return g;
    }

    @Test
    void tokensBesideAContinuousInputShareTheDeltaExactly() {
        ComputationGraph g = init(builder().addInputs("tokens", "x")
                .addLayer("emb", embedding(3, RNNFormat.NCW), "tokens")
                .addLayer("pool", pooling(PoolingType.MAX, RNNFormat.NCW), "emb")
                .addVertex("merge", new MergeVertex(), "pool", "x")
                .addLayer("dense", new DenseLayer.Builder().nIn(5).nOut(4).activation(Activation.RELU).build(),
                        "merge")
                .addLayer("out", output(4), "dense")
                .setOutputs("out").build());
        INDArray tokens = EmbeddingNets.tokens(53, 5, STEPS, VOCAB);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 2).subi(0.5);
        INDArray refTokens = EmbeddingNets.tokens(54, 1, STEPS, VOCAB);
        INDArray refX = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(g).withRule(rule).withLayerChecks(true).explain(
                    new INDArray[] {tokens, x}, new INDArray[] {refTokens, refX}, Target.of(0, 1));
            assertArrayEquals(new long[] {5, STEPS}, a.scores(0).shape());
            assertArrayEquals(new long[] {5, 2}, a.scores(1).shape());
            assertTrue(a.maxSummationError() < 1e-10, rule + ": " + a.maxSummationError());
            assertTrue(a.layerChecks().orElseThrow().worst().error() < 1e-10, rule.toString());
            INDArray fx = g.output(tokens, x)[0].getColumn(1);
            double fRef = g.output(refTokens, refX)[0].getDouble(0, 1);
            assertArrayEquals(fx.sub(fRef).toDoubleVector(), a.deltas().toDoubleVector(), 1e-12);
        }
    }

    @Test
    void oneTokenInputReadByTwoEmbeddingsOfDifferentSizes() {
        ComputationGraph g = init(builder().addInputs("tokens")
                .addLayer("narrow", embedding(2, RNNFormat.NCW), "tokens")
                .addLayer("wide", embedding(4, RNNFormat.NCW), "tokens")
                .addLayer("p1", pooling(PoolingType.AVG, RNNFormat.NCW), "narrow")
                .addLayer("p2", pooling(PoolingType.MAX, RNNFormat.NCW), "wide")
                .addVertex("merge", new MergeVertex(), "p1", "p2")
                .addLayer("out", output(6), "merge")
                .setOutputs("out").build());
        INDArray tokens = EmbeddingNets.tokens(55, 6, STEPS, VOCAB);
        INDArray ref = EmbeddingNets.tokens(56, 6, STEPS, VOCAB);
        DeepLift dl = DeepLift.of(g);
        Attribution a = dl.explain(tokens, ref, 0);
        assertTrue(a.maxSummationError() < 1e-10, "" + a.maxSummationError());
        INDArray expected = g.outputSingle(tokens).getColumn(0).sub(g.outputSingle(ref).getColumn(0));
        assertArrayEquals(expected.toDoubleVector(), a.deltas().toDoubleVector(), 1e-12);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dl.explain(tokens, EmbeddingReference.zeros(), 0));
        assertTrue(e.getMessage().contains("different sizes"), e.getMessage());
    }

    @Test
    void aConvolutionOfTheOtherRnnFormatReadsTheEmbeddingsPermutedAsInDl4j() {
        // DL4J's output() transposes [N, D, T] to [N, T, D] between an NCW embedding and an NWC convolution.
        Convolution1DLayer conv = new Convolution1DLayer.Builder().nIn(3).nOut(4).kernelSize(2)
                .rnnDataFormat(RNNFormat.NWC).activation(Activation.RELU).build();
        ComputationGraph g = init(builder().addInputs("tokens")
                .addLayer("emb", embedding(3, RNNFormat.NCW), "tokens")
                .addLayer("conv", conv, "emb")
                .addLayer("pool", pooling(PoolingType.AVG, RNNFormat.NWC), "conv")
                .addLayer("out", output(4), "pool")
                .setOutputs("out").build());
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(51)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.XAVIER).list()
                .layer(embedding(3, RNNFormat.NCW)).layer(conv.clone())
                .layer(pooling(PoolingType.AVG, RNNFormat.NWC)).layer(output(4)).build());
        net.init();
        net.setParams(g.params());
        INDArray tokens = EmbeddingNets.tokens(58, 5, STEPS, VOCAB);
        INDArray ref = EmbeddingNets.tokens(59, 1, STEPS, VOCAB);
        INDArray expected = g.outputSingle(tokens).getColumn(1).sub(g.outputSingle(ref).getDouble(0, 1));
        assertArrayEquals(expected.toDoubleVector(), net.output(tokens).getColumn(1)
                .sub(net.output(ref).getDouble(0, 1)).toDoubleVector(), 1e-12);
        for (Attribution a : new Attribution[] {DeepLift.of(g).explain(tokens, ref, 1),
            DeepLift.of(net).explain(tokens, ref, 1)}) {
            assertArrayEquals(expected.toDoubleVector(), a.deltas().toDoubleVector(), 1e-12);
            assertTrue(a.maxSummationError() < 1e-10, "" + a.maxSummationError());
        }
    }

    @Test
    void aFormatSwitchDl4jCannotRunIsRefused() {
        // DL4J's output() permutes the input of "wide" (NWC) because "narrow" (NCW) comes just before it in
        // topological order, but "narrow" does not feed it: DL4J fails with an index error.
        ComputationGraph g = init(builder().addInputs("tokens")
                .addLayer("narrow", embedding(2, RNNFormat.NCW), "tokens")
                .addLayer("wide", embedding(4, RNNFormat.NWC), "tokens")
                .addLayer("p1", pooling(PoolingType.AVG, RNNFormat.NCW), "narrow")
                .addLayer("p2", pooling(PoolingType.MAX, RNNFormat.NWC), "wide")
                .addVertex("merge", new MergeVertex(), "p1", "p2")
                .addLayer("out", output(6), "merge")
                .setOutputs("out").build());
        assertThrows(RuntimeException.class, () -> g.outputSingle(EmbeddingNets.tokens(57, 2, STEPS, VOCAB)));
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(g));
        assertTrue(e.getMessage().contains("\"wide\"") && e.getMessage().contains("\"narrow\""), e.getMessage());
    }

    @Test
    void aTokenInputAlsoReadByAnotherLayerIsRefused() {
        ComputationGraph g = init(builder().addInputs("tokens")
                .addLayer("emb", embedding(2, RNNFormat.NCW), "tokens")
                .addLayer("pool", pooling(PoolingType.AVG, RNNFormat.NCW), "emb")
                .addLayer("dense", new DenseLayer.Builder().nIn(STEPS).nOut(2).build(), "tokens")
                .addVertex("merge", new MergeVertex(), "pool", "dense")
                .addLayer("out", output(4), "merge")
                .setOutputs("out").build());
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(g));
        assertTrue(e.getMessage().contains("\"dense\"") && e.getMessage().contains("token indices can only feed "
                + "embedding layers"), e.getMessage());
    }
}
