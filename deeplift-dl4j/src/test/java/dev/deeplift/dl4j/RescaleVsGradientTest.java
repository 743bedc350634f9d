package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Rule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class RescaleVsGradientTest {

    @Test
    void withZeroBiasesZeroReferenceAndReluOnlyRescaleEqualsGradientTimesInput() {
        IActivation relu = Activation.RELU.getActivationFunction();
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 3, new int[] {8, 10, 10, 4},
                new IActivation[] {relu, relu}, Activation.SOFTMAX);
        for (int i = 0; i < net.getnLayers(); i++) {
            net.getLayer(i).getParam("b").assign(0);
        }
        INDArray x = TestNets.uniform(DataType.DOUBLE, 9, 3.0, 5, 8);
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 8);
        int[] targets = {0, 1, 2, 3, 1};
        var rescale = DeepLift.of(net).explain(x, zero, targets);
        var gradient = DeepLift.of(net).withRule(Rule.GRADIENT).explain(x, zero, targets);
        assertTrue(rescale.scores().equalsWithEps(gradient.scores(), 1e-12));
        assertTrue(gradient.scores().equalsWithEps(gradient.multipliers().mul(x), 1e-12));
    }
}
