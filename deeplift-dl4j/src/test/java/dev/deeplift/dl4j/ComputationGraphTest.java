package dev.deeplift.dl4j;

import dev.deeplift.core.Target;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.UnsupportedLayerException;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.L2NormalizeVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.graph.SubsetVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** ComputationGraphs: chains, residual and inception blocks, several inputs and outputs. */
class ComputationGraphTest {

    private static ComputationGraphConfiguration.GraphBuilder graph(DataType dt) {
        return new NeuralNetConfiguration.Builder().seed(21).dataType(dt).weightInit(WeightInit.XAVIER)
                .biasInit(0.1).graphBuilder();
    }

    private static OutputLayer out(int n) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(n).activation(Activation.IDENTITY).build();
    }

    private static ComputationGraph init(ComputationGraphConfiguration.GraphBuilder b) {
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        for (var v : g.getVertices()) {
            if (v.hasLayer()) {
                var params = v.getLayer().paramTable();
                if (params.containsKey("log10stdev")) {
                    params.get("log10stdev").assign(Nd4j.rand(params.get("mean").dataType(), params.get("mean").shape())
                            .muli(0.5));
                    params.get("mean").assign(Nd4j.rand(params.get("mean").dataType(), params.get("mean").shape()));
                    params.get("gamma").assign(Nd4j.rand(params.get("mean").dataType(), params.get("mean").shape())
                            .subi(0.5).muli(3));
                }
            }
        }
        return g;
    }

    static ComputationGraph residual(DataType dt) {
        return init(graph(dt).addInputs("in").setInputTypes(InputType.convolutional(6, 6, 3))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "in")
                .addLayer("bn1", new BatchNormalization.Builder().build(), "c1")
                .addLayer("r1", new ActivationLayer(Activation.RELU), "bn1")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.IDENTITY).build(), "r1")
                .addVertex("add1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c2", "in")
                .addLayer("r2", new ActivationLayer(Activation.RELU), "add1")
                .addLayer("c3", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build(), "r2")
                .addVertex("add2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "c3", "r2")
                .addLayer("r3", new ActivationLayer(Activation.RELU), "add2")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "r3")
                .addLayer("out", out(3), "pool")
                .setOutputs("out"));
    }

    static ComputationGraph inception(DataType dt) {
        return init(graph(dt).addInputs("in").setInputTypes(InputType.convolutional(6, 6, 2))
                .addLayer("b1", new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.RELU).build(), "in")
                .addLayer("b2", new ConvolutionLayer.Builder(3, 3).nOut(3).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.TANH).build(), "in")
                .addLayer("b3", new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(1, 1)
                        .convolutionMode(ConvolutionMode.Same).build(), "in")
                .addVertex("concat", new MergeVertex(), "b1", "b2", "b3")
                .addVertex("half", new ScaleVertex(-0.5), "concat")
                .addLayer("gp", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "half")
                .addVertex("subset", new SubsetVertex(1, 4), "gp")
                .addLayer("d", new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build(), "subset")
                .addLayer("out", out(2), "d")
                .setOutputs("out"));
    }

    static Stream<Arguments> graphs() {
        return Stream.of("residual", "inception").flatMap(name -> Stream.of(DataType.DOUBLE, DataType.FLOAT)
                .flatMap(dt -> Stream.of(Rule.RESCALE, Rule.REVEAL_CANCEL).map(r -> Arguments.of(name, dt, r))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("graphs")
    void residualAndInceptionBlocksSumToDl4jsLogitDeltas(String name, DataType dt, Rule rule) {
        ComputationGraph g = name.equals("residual") ? residual(dt) : inception(dt);
        long c = name.equals("residual") ? 3 : 2;
        INDArray x = TestNets.uniform(dt, 1, 1.0, 4, c, 6, 6);
        INDArray ref = TestNets.uniform(dt, 2, 1.0, 1, c, 6, 6);
        INDArray expected = g.outputSingle(x).getColumn(1).sub(g.outputSingle(ref).getDouble(0, 1));
        Attribution a = DeepLift.of(g).withRule(rule).explain(x, ref, 1);
        double tol = Dl4jChecks.tolerance(dt) * (1 + Transforms.abs(expected).maxNumber().doubleValue());
        assertTrue(a.deltas().equalsWithEps(expected, tol), a.deltas() + " vs " + expected);
        double scale = 1 + Transforms.abs(a.scores()).reshape(4, -1).sum(1).maxNumber().doubleValue();
        assertTrue(a.maxSummationError() <= Dl4jChecks.tolerance(dt) * scale, "" + a.maxSummationError());
    }

    @Test
    void aGraphBuiltAsTheSameChainAsAMultiLayerNetworkGivesIdenticalScores() {
        var mlnConf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(5).nOut(7).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(7).nOut(6).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(6).nOut(3)
                        .activation(Activation.SOFTMAX).build()).build();
        MultiLayerNetwork mln = new MultiLayerNetwork(mlnConf);
        mln.init();
        ComputationGraph cg = mln.toComputationGraph();
        INDArray x = TestNets.uniform(DataType.DOUBLE, 4, 1.0, 3, 5);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 5, 1.0, 1, 5);
        for (Rule rule : Rule.values()) {
            Attribution a = DeepLift.of(mln).withRule(rule).explain(x, ref, new int[] {0, 2, 1});
            Attribution b = DeepLift.of(cg).withRule(rule).explain(x, ref, new int[] {0, 2, 1});
            assertEquals(a.scores(), b.scores(), rule.toString());
            assertEquals(a.deltas(), b.deltas(), rule.toString());
        }
    }

    @Test
    void twoInputGraphScoresBothInputsAndTheirSumIsTheDelta() {
        // out = 2·relu(a1 + a2) + sum(conv1x1(b) with weight 3), dense branch "a" [N, 2], conv branch "b" [N, 1, 2, 2].
        ComputationGraph g = init(graph(DataType.DOUBLE).addInputs("a", "b")
                .setInputTypes(InputType.feedForward(2), InputType.convolutional(2, 2, 1))
                .addLayer("da", new DenseLayer.Builder().nOut(1).activation(Activation.RELU).build(), "a")
                .addLayer("cb", new ConvolutionLayer.Builder(1, 1).nOut(1).activation(Activation.IDENTITY).build(), "b")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.SUM).build(), "cb")
                .addVertex("merge", new MergeVertex(), "da", "pool")
                .addLayer("out", out(1), "merge")
                .setOutputs("out"));
        g.getLayer("da").getParam("W").assign(1.0);
        g.getLayer("da").getParam("b").assign(0.0);
        g.getLayer("cb").getParam("W").assign(3.0);
        g.getLayer("cb").getParam("b").assign(0.0);
        g.getLayer("out").getParam("W").assign(Nd4j.createFromArray(new double[][] {{2}, {1}}));
        g.getLayer("out").getParam("b").assign(0.0);
        INDArray a = TestNets.row(1, 2);
        INDArray b = Nd4j.createFromArray(new double[][][][] {{{{1, -1}, {2, 0.5}}}});
        Attribution r = DeepLift.of(g).explain(new INDArray[] {a, b},
                new INDArray[] {Nd4j.zeros(DataType.DOUBLE, 1, 2), Nd4j.zeros(DataType.DOUBLE, 1, 1, 2, 2)}, Target.of(0, 0));
        assertArrayEquals(new double[] {2, 4}, r.scores(0).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {3, -3, 6, 1.5}, r.scores(1).reshape(4).toDoubleVector(), 1e-12);
        assertEquals(6 + 7.5, r.deltas().getDouble(0), 1e-12);
        assertEquals(0.0, r.maxSummationError(), 1e-12);
    }

    @Test
    void twoOutputGraphExplainsEachOutputByNameAndIndex() {
        // Shared hidden h = relu(x·[1, −1]ᵀ... ) feeding out1 = 2h and out2 = −h + 1.
        ComputationGraph g = init(graph(DataType.DOUBLE).addInputs("in").setInputTypes(InputType.feedForward(2))
                .addLayer("h", new DenseLayer.Builder().nOut(1).activation(Activation.RELU).build(), "in")
                .addLayer("out1", out(1), "h")
                .addLayer("out2", new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(1)
                        .activation(Activation.SIGMOID).build(), "h")
                .setOutputs("out1", "out2"));
        g.getLayer("h").getParam("W").assign(Nd4j.createFromArray(new double[][] {{1}, {-1}}));
        g.getLayer("h").getParam("b").assign(0.0);
        g.getLayer("out1").getParam("W").assign(2.0);
        g.getLayer("out1").getParam("b").assign(0.0);
        g.getLayer("out2").getParam("W").assign(-1.0);
        g.getLayer("out2").getParam("b").assign(1.0);
        INDArray x = TestNets.row(3, 1);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        // h: Δz = 2, ratio 1; multipliers (1, −1) times the output weight.
        assertArrayEquals(new double[] {6, -2}, DeepLift.of(g).explain(x, zero, Target.of("out1", 0)).scores()
                .toDoubleVector(), 1e-12);
        Attribution second = DeepLift.of(g).explain(x, zero, Target.of(1, 0));
        assertArrayEquals(new double[] {-3, 1}, second.scores().toDoubleVector(), 1e-12);
        assertEquals(-2.0, second.deltas().getDouble(0), 1e-12); // logits, before out2's sigmoid
        var e = assertThrows(IllegalArgumentException.class, () -> DeepLift.of(g).explain(x, zero, 0));
        assertTrue(e.getMessage().contains("out1"));
        assertThrows(IllegalArgumentException.class, () -> DeepLift.of(g).explain(x, zero, Target.of("nope", 0)));
    }

    @Test
    void verticesWithoutAnExactRuleAreRefusedByName() {
        // (ElementWiseVertex Product and Max have exact rules: see recurrent.ElementWiseVertexTest.)
        ComputationGraph l2 = init(graph(DataType.FLOAT).addInputs("in").setInputTypes(InputType.feedForward(2))
                .addVertex("norm", new L2NormalizeVertex(), "in")
                .addLayer("out", out(1), "norm").setOutputs("out"));
        var e2 = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(l2));
        assertTrue(e2.getMessage().contains("norm") && e2.getMessage().contains("L2NormalizeVertex"), e2.getMessage());
    }

    @Test
    void revealCancelWorksThroughAnAddMergeExactly() {
        // out = relu(h1 + h2) with h1 = x1, h2 = −x2 (linear dense branches): Δz+ = 3, Δz− = −1 at (3, 1).
        ComputationGraph g = init(graph(DataType.DOUBLE).addInputs("in").setInputTypes(InputType.feedForward(2))
                .addLayer("h1", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), "in")
                .addLayer("h2", new DenseLayer.Builder().nOut(1).activation(Activation.IDENTITY).build(), "in")
                .addVertex("add", new ElementWiseVertex(ElementWiseVertex.Op.Add), "h1", "h2")
                .addLayer("relu", new ActivationLayer(Activation.RELU), "add")
                .addLayer("out", out(1), "relu").setOutputs("out"));
        g.getLayer("h1").getParam("W").assign(Nd4j.createFromArray(new double[][] {{1}, {0}}));
        g.getLayer("h2").getParam("W").assign(Nd4j.createFromArray(new double[][] {{0}, {-1}}));
        g.getLayer("h1").getParam("b").assign(0);
        g.getLayer("h2").getParam("b").assign(0);
        g.getLayer("out").getParam("W").assign(1);
        g.getLayer("out").getParam("b").assign(0);
        Attribution a = DeepLift.of(g).withRules(RulePolicy.uniform(Rule.REVEAL_CANCEL)).explain(TestNets.row(3, 1), 0);
        // Δy+ = ½[3 − 0] + ½[2 − 0] = 2.5; Δy− = ½[0 − 0] + ½[2 − 3] = −0.5.
        assertArrayEquals(new double[] {2.5, -0.5}, a.scores().toDoubleVector(), 1e-12);
    }
}
