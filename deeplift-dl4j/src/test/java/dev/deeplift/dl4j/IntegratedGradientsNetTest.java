package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.methods.IntegratedGradients;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Integrated gradients over DL4J networks, through {@link Methods#integratedGradients}. */
class IntegratedGradientsNetTest {
    /** DOUBLE rounding of a mean over steps: "exact" up to a few ulps of the values here. */
    private static final double EXACT = 1e-12;

    @Test
    void onALinearNetworkIntegratedGradientsAreGradientTimesDeltaAndSumExactlyToDelta() {
        MultiLayerNetwork net = TestNets.dense(new Activation[] {Activation.IDENTITY, Activation.IDENTITY},
                new double[][][] {{{1, -2, 0.5}, {3, 4, -1}, {-5, 6, 2}, {7, 0.5, 1.5}}, {{1, 2}, {-1, 0.5}, {3, -2}}},
                new double[][] {{0.3, -0.7, 0.1}, {0.2, -0.4}});
        INDArray x = TestNets.uniform(DataType.DOUBLE, 1, 2.0, 3, 4);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 2, 2.0, 3, 4);
        int[] targets = {0, 1, 1};
        Attribution ig = Methods.integratedGradients(net, 17).explain(x, ref, targets);
        Attribution gradient = Methods.gradient(net).explain(x, ref, targets);
        assertTrue(ig.multipliers().equalsWithEps(gradient.multipliers(), EXACT));
        assertTrue(ig.scores().equalsWithEps(gradient.multipliers().mul(x.sub(ref)), EXACT));
        assertTrue(ig.deltas().equalsWithEps(gradient.deltas(), EXACT));
        assertEquals(0.0, ig.maxSummationError(), EXACT);
    }

    @Test
    void summationErrorShrinksAsStepsGrowOnANonlinearNetwork() {
        IActivation tanh = Activation.TANH.getActivationFunction();
        IActivation softplus = Activation.SOFTPLUS.getActivationFunction();
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 31, new int[] {6, 10, 8, 3},
                new IActivation[] {tanh, softplus}, Activation.SOFTMAX);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 32, 3.0, 5, 6);
        INDArray ref = Nd4j.zeros(DataType.DOUBLE, 1, 6);
        int[] targets = {0, 1, 2, 0, 1};
        double coarse = Methods.integratedGradients(net, 5).explain(x, ref, targets).maxSummationError();
        double fine = Methods.integratedGradients(net, 50).explain(x, ref, targets).maxSummationError();
        assertTrue(coarse > 1e-6, "the network is nonlinear enough to show an error: " + coarse);
        // The midpoint rule's error falls as 1/steps² on a smooth network: about 100× here.
        assertTrue(fine < coarse / 50, "5 steps: " + coarse + ", 50 steps: " + fine);
    }

    @Test
    void resultsAreTheSameForBatchesOfOneSevenAndSixtyFourRows() {
        IActivation relu = Activation.RELU.getActivationFunction();
        IActivation tanh = Activation.TANH.getActivationFunction();
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 41, new int[] {6, 9, 7, 4},
                new IActivation[] {relu, tanh}, Activation.SOFTMAX);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 42, 2.0, 5, 6);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 43, 2.0, 5, 6);
        int[] targets = {3, 1, 2, 0, 1};
        // 5 examples × 13 steps = 65 rows: every chunking splits some example's points across two calls.
        IntegratedGradients ig = Methods.integratedGradients(net, 13);
        Attribution whole = ig.withBatchSize(65).explain(x, ref, targets);
        for (int rows : new int[] {1, 7, 64}) {
            Attribution a = ig.withBatchSize(rows).explain(x, ref, targets);
            assertTrue(a.multipliers().equalsWithEps(whole.multipliers(), EXACT), rows + " rows");
            assertTrue(a.scores().equalsWithEps(whole.scores(), EXACT), rows + " rows");
            assertTrue(a.deltas().equalsWithEps(whole.deltas(), EXACT), rows + " rows");
        }
    }

    @Test
    void integratedGradientsAreTheMeanOfGradientsAtTheMidpointsOfEachStep() {
        IActivation sigmoid = Activation.SIGMOID.getActivationFunction();
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 51, new int[] {4, 6, 2},
                new IActivation[] {sigmoid}, Activation.SOFTMAX);
        INDArray params = net.params().dup();
        INDArray x = TestNets.uniform(DataType.DOUBLE, 52, 2.0, 3, 4);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 53, 2.0, 1, 4);
        int[] targets = {1, 0, 1};
        int steps = 6;
        INDArray mean = Nd4j.zeros(DataType.DOUBLE, 3, 4);
        for (int k = 0; k < steps; k++) {
            INDArray point = x.sub(ref.broadcast(3, 4)).muli((k + 0.5) / steps).addiRowVector(ref);
            mean.addi(Methods.gradient(net).explain(point, ref, targets).multipliers());
        }
        mean.divi(steps);
        IntegratedGradients ig = Methods.integratedGradients(net, steps).withBatchSize(4);
        Attribution a = ig.explain(x, ref, targets);
        assertTrue(a.multipliers().equalsWithEps(mean, EXACT), a.multipliers() + "\n" + mean);
        assertEquals(params, net.params(), "the network is unchanged");
        assertEquals(a.scores(), ig.explain(x, ref, targets).scores(), "a second call agrees");
    }

    @Test
    void aFloatNetworkGetsFloatResults() {
        IActivation relu = Activation.RELU.getActivationFunction();
        MultiLayerNetwork net = TestNets.mlp(DataType.FLOAT, 61, new int[] {5, 6, 3}, new IActivation[] {relu},
                Activation.SOFTMAX);
        INDArray x = TestNets.uniform(DataType.FLOAT, 62, 1.0, 4, 5);
        Attribution a = Methods.integratedGradients(net, 20).explain(x, Nd4j.zeros(DataType.FLOAT, 1, 5),
                new int[] {0, 1, 2, 0});
        assertEquals(DataType.FLOAT, a.scores().dataType());
        assertEquals(DataType.FLOAT, a.deltas().dataType());
    }
}
