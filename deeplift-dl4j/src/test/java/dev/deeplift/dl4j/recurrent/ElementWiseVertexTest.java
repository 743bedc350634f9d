package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** ElementWiseVertex Product (the product rule, folded left) and Max (max-pooling credit over the inputs). */
class ElementWiseVertexTest {

    /** x1 and x2 through identity dense layers that pick one feature each, multiplied, then an identity output. */
    private static ComputationGraph product() {
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("in")
                .addLayer("a", new DenseLayer.Builder().nIn(2).nOut(1).activation(Activation.IDENTITY).build(), "in")
                .addLayer("b", new DenseLayer.Builder().nIn(2).nOut(1).activation(Activation.IDENTITY).build(), "in")
                .addVertex("prod", new ElementWiseVertex(ElementWiseVertex.Op.Product), "a", "b")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1).nOut(1)
                        .activation(Activation.IDENTITY).build(), "prod")
                .setOutputs("out").build());
        g.init();
        g.getLayer("a").getParam("W").assign(Nd4j.createFromArray(new double[][] {{1}, {0}}));
        g.getLayer("b").getParam("W").assign(Nd4j.createFromArray(new double[][] {{0}, {1}}));
        g.getLayer("a").getParam("b").assign(0);
        g.getLayer("b").getParam("b").assign(0);
        g.getLayer("out").getParam("W").assign(1);
        g.getLayer("out").getParam("b").assign(0);
        return g;
    }

    @Test
    void aProductOfTwoFeaturesGivesEachTheTwoPlayerShapleyValue() {
        // y = x1·x2 from (0.5, −1) to (2, 3): x1 gets Δx1·(x2 + x2')/2 = 1.5·1 = 1.5, x2 gets 4·(2 + 0.5)/2 = 5,
        // the Shapley values of the two-player game, which sum to Δy = 6 − (−0.5) = 6.5.
        INDArray x = Nd4j.createFromArray(new double[][] {{2, 3}});
        INDArray ref = Nd4j.createFromArray(new double[][] {{0.5, -1}});
        for (Rule rule : Rule.values()) {
            if (rule == Rule.GRADIENT) {
                continue;
            }
            Attribution a = DeepLift.of(product()).withRule(rule).explain(x, ref, 0);
            assertArrayEquals(new double[] {1.5, 5.0}, a.scores().toDoubleVector(), 1e-15, rule.toString());
            assertEquals(6.5, a.deltas().getDouble(0), 1e-15);
        }
    }

    @Test
    void gradientsThroughAProductAreTheTrueGradient() {
        INDArray x = Nd4j.createFromArray(new double[][] {{2, 3}});
        INDArray ref = Nd4j.createFromArray(new double[][] {{0.5, -1}});
        Attribution a = DeepLift.of(product()).withRule(Rule.GRADIENT).explain(x, ref, 0);
        assertArrayEquals(new double[] {3, 2}, a.multipliers().toDoubleVector(), 1e-15);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = ElementWiseVertex.Op.class, names = {"Product", "Max"})
    void threeRecurrentBranchesMergedExplainDl4jOutputsExactly(ElementWiseVertex.Op op) {
        RNNFormat f = RNNFormat.NCW;
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(5).graphBuilder().addInputs("in")
                .addLayer("l1", RnnCases.lstm(f, Activation.TANH, Activation.SIGMOID), "in")
                .addLayer("l2", RnnCases.simpleRnn(f), "in")
                .addLayer("l3", RnnCases.lstm(f, Activation.SOFTSIGN, Activation.HARDSIGMOID), "in")
                .addVertex("merge", new ElementWiseVertex(op), "l1", "l2", "l3")
                .addLayer("out", RnnCases.rnnOut(f, 4), "merge")
                .setOutputs("out").build());
        g.init();
        RnnNets.randomise(g.params(), 5);
        int steps = 7;
        INDArray x = RnnNets.input(RnnNets.sequences(1, 4, steps, 3), f);
        INDArray ref = RnnNets.input(RnnNets.sequences(2, 1, steps, 3), f);
        INDArray mask = RnnNets.array(RnnNets.masks(steps));
        INDArray out = RnnNets.output(g, x, mask);
        INDArray outRef = RnnNets.output(g, ref.repeat(0, 4), mask);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(g).withRule(rule).explain(x, ref, Target.unitAtStep(1, 5), mask);
            for (int i = 0; i < 4; i++) {
                assertEquals(out.getDouble(i, 1, 5) - outRef.getDouble(i, 1, 5), a.deltas().getDouble(i), 1e-12);
            }
            assertTrue(a.maxSummationError() < 1e-12, rule + " summation error " + a.maxSummationError());
        }
    }
}
