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
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The comparison methods other than integrated gradients: gradient, gradient × input, guided backprop, DeepLIFT. */
class MethodsTest {
    private static final double EXACT = 1e-12;
    /** Central differences with step 1e-5 are good to about 1e-10 here; this leaves room. */
    private static final double FINITE_DIFFERENCE = 1e-7;

    private static MultiLayerNetwork smoothNet() {
        IActivation tanh = Activation.TANH.getActivationFunction();
        IActivation sigmoid = Activation.SIGMOID.getActivationFunction();
        return TestNets.mlp(DataType.DOUBLE, 21, new int[] {6, 8, 5, 3}, new IActivation[] {tanh, sigmoid},
                Activation.IDENTITY);
    }

    @Test
    void gradientEqualsFiniteDifferencesOfTheTargetLogit() {
        MultiLayerNetwork net = smoothNet();
        INDArray params = net.params().dup();
        INDArray x = TestNets.uniform(DataType.DOUBLE, 4, 1.5, 3, 6);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 5, 1.5, 1, 6);
        int[] targets = {0, 2, 1};
        Attribution a = Methods.gradient(net).explain(x, ref, targets);
        double h = 1e-5;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 6; j++) {
                INDArray plus = x.getRow(i).dup().reshape(1, 6);
                INDArray minus = plus.dup();
                plus.putScalar(0, j, plus.getDouble(0, j) + h);
                minus.putScalar(0, j, minus.getDouble(0, j) - h);
                double slope = (net.output(plus).getDouble(0, targets[i]) - net.output(minus).getDouble(0, targets[i]))
                        / (2 * h);
                assertEquals(slope, a.multipliers().getDouble(i, j), FINITE_DIFFERENCE, "example " + i + ", x" + j);
            }
        }
        assertTrue(a.scores().equalsWithEps(a.multipliers().mul(x.sub(ref.broadcast(3, 6))), EXACT));
        INDArray expectedDeltas = Nd4j.create(DataType.DOUBLE, 3);
        INDArray out = net.output(x);
        INDArray outRef = net.output(ref);
        for (int i = 0; i < 3; i++) {
            expectedDeltas.putScalar(i, out.getDouble(i, targets[i]) - outRef.getDouble(0, targets[i]));
        }
        assertArrayEquals(expectedDeltas.toDoubleVector(), a.deltas().toDoubleVector(), EXACT);
        assertEquals(params, net.params(), "the network is unchanged");
        assertEquals(a.scores(), Methods.gradient(net).explain(x, ref, targets).scores(), "a second call agrees");
    }

    @Test
    void gradientTimesInputWithAZeroReferenceIsGradientTimesX() {
        MultiLayerNetwork net = smoothNet();
        INDArray x = TestNets.uniform(DataType.DOUBLE, 6, 1.5, 4, 6);
        Attribution a = Methods.gradientTimesInput(net).explain(x, 1);
        Attribution g = Methods.gradient(net).explain(x, 1);
        assertTrue(a.multipliers().equalsWithEps(g.multipliers(), EXACT));
        assertTrue(a.scores().equalsWithEps(g.multipliers().mul(x), EXACT));
    }

    /**
     * {@code y = 2·relu(x1 + x2) − 3·relu(2x1 − x2 + 0.5) + 4·relu(−x1)}. At (1, 2) units 1 and 2 are active: the
     * gradient is {@code (2 − 6, 2 + 3) = (−4, 5)}, but guided backprop stops unit 2's negative multiplier −3, so
     * it gives {@code (2, 2)}. At (−1, 3) units 1 and 3 are active, both with positive multipliers, and both give
     * {@code (2 − 4, 2) = (−2, 2)}: guided backprop stops signs at nonlinearities only, not at the input.
     */
    @Test
    void guidedBackpropStopsNegativeMultipliersAtEachRelu() {
        MultiLayerNetwork net = TestNets.dense(new Activation[] {Activation.RELU, Activation.IDENTITY},
                new double[][][] {{{1, 2, -1}, {1, -1, 0}}, {{2}, {-3}, {4}}}, new double[][] {{0, 0.5, 0}, {0}});
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 2}, {-1, 3}});
        Attribution guided = Methods.guidedBackprop(net).explain(x, 0);
        Attribution gradient = Methods.gradient(net).explain(x, 0);
        assertArrayEquals(new double[] {2, 2, -2, 2}, guided.multipliers().reshape(4).toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {-4, 5, -2, 2}, gradient.multipliers().reshape(4).toDoubleVector(), EXACT);
        assertArrayEquals(new double[] {2, 4, 2, 6}, guided.scores().reshape(4).toDoubleVector(), EXACT);
        // y(0) = −3 · 0.5 = −1.5; y(1, 2) = 6 − 1.5 = 4.5; y(−1, 3) = 4 + 4 = 8.
        assertArrayEquals(new double[] {6, 9.5}, guided.deltas().toDoubleVector(), EXACT);
        // Guided scores need not sum to delta: at (−1, 3) they miss unit 2, active at the reference only.
        assertArrayEquals(new double[] {0, 1.5}, guided.summationErrors().toDoubleVector(), EXACT);
    }

    @Test
    void deepLiftFactoryIsDeepLiftWithThatRule() {
        IActivation relu = Activation.RELU.getActivationFunction();
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 8, new int[] {5, 7, 3}, new IActivation[] {relu},
                Activation.SOFTMAX);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 2, 2.0, 4, 5);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 3, 2.0, 4, 5);
        int[] targets = {0, 1, 2, 0};
        for (Rule rule : Rule.values()) {
            Attribution viaMethods = Methods.deepLift(net, rule).explain(x, ref, targets);
            Attribution direct = DeepLift.of(net).withRule(rule).explain(x, ref, targets);
            assertEquals(direct.scores(), viaMethods.scores(), rule.toString());
            assertEquals(direct.deltas(), viaMethods.deltas(), rule.toString());
        }
        assertTrue(Methods.deepLift(net, Rule.RESCALE).explain(x, ref, targets).maxSummationError() < EXACT);
    }

    @Test
    void everyMethodReportsTheSameLogitDeltas() {
        MultiLayerNetwork net = TestNets.dense(new Activation[] {Activation.RELU, Activation.SOFTMAX},
                new double[][][] {{{1, -1}, {0.5, 2}}, {{1, 0}, {-2, 1}}}, new double[][] {{0.1, -0.2}, {0, 0.3}});
        INDArray x = row(0.7, -1.2);
        INDArray ref = row(0.1, 0.2);
        double expected = DeepLift.of(net).explain(x, ref, 1).deltas().getDouble(0);
        for (Attribution a : new Attribution[] {Methods.gradient(net).explain(x, ref, new int[] {1}),
            Methods.gradientTimesInput(net).explain(x, ref, new int[] {1}),
            Methods.integratedGradients(net, 10).explain(x, ref, new int[] {1}),
            Methods.guidedBackprop(net).explain(x, ref, new int[] {1}),
            Methods.deepLift(net, Rule.REVEAL_CANCEL).explain(x, ref, new int[] {1})}) {
            assertEquals(expected, a.deltas().getDouble(0), EXACT, a.toString());
        }
    }

    @Test
    void everyMethodTakesAComputationGraphAsItTakesANetwork() {
        MultiLayerNetwork net = smoothNet();
        org.deeplearning4j.nn.graph.ComputationGraph graph = net.toComputationGraph();
        INDArray x = TestNets.uniform(DataType.DOUBLE, 14, 1.5, 3, 6);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 15, 1.5, 1, 6);
        int[] targets = {2, 0, 1};
        assertEqualScores(Methods.gradient(net).explain(x, ref, targets),
                Methods.gradient(graph).explain(x, ref, targets));
        assertEqualScores(Methods.gradientTimesInput(net).explain(x, ref, targets),
                Methods.gradientTimesInput(graph).explain(x, ref, targets));
        assertEqualScores(Methods.integratedGradients(net, 8).explain(x, ref, targets),
                Methods.integratedGradients(graph, 8).explain(x, ref, targets));
        assertEqualScores(Methods.guidedBackprop(net).explain(x, ref, targets),
                Methods.guidedBackprop(graph).explain(x, ref, targets));
        assertEqualScores(Methods.deepLift(net, Rule.REVEAL_CANCEL).explain(x, ref, targets),
                Methods.deepLift(graph, Rule.REVEAL_CANCEL).explain(x, ref, targets));
    }

    private static void assertEqualScores(Attribution a, Attribution b) {
        assertTrue(a.scores().equalsWithEps(b.scores(), EXACT), a + " vs " + b);
        assertArrayEquals(a.deltas().toDoubleVector(), b.deltas().toDoubleVector(), EXACT);
        assertEquals(a.provenance().method(), b.provenance().method());
    }
}
