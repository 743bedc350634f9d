package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Rule;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

class NetworkUntouchedTest {

    @Test
    void explainingLeavesParametersUpdaterCachedInputsAndOutputsAsTheyWere() {
        MultiLayerNetwork net = TestNets.mlp(DataType.FLOAT, 4, new int[] {6, 9, 3},
                new IActivation[] {Activation.RELU.getActivationFunction()}, Activation.SOFTMAX);
        INDArray x = TestNets.uniform(DataType.FLOAT, 1, 1.0, 4, 6);
        INDArray labels = org.nd4j.linalg.factory.Nd4j.eye(3).getRows(0, 1, 2, 0).castTo(DataType.FLOAT);
        net.fit(new DataSet(x, labels)); // gives the network updater state and cached inputs
        INDArray params = net.params().dup();
        INDArray updater = net.getUpdater().getStateViewArray().dup();
        INDArray out = net.output(x).dup();
        INDArray cachedInput = net.getInput();
        int listeners = net.getListeners().size();

        for (Rule rule : Rule.values()) {
            DeepLift.of(net).withRule(rule).explain(x, TestNets.uniform(DataType.FLOAT, 2, 1.0, 1, 6), 1);
        }
        assertThrows(IllegalArgumentException.class, () -> DeepLift.of(net).explain(x, x, 7));

        assertEquals(params, net.params());
        assertEquals(updater, net.getUpdater().getStateViewArray());
        assertEquals(out, net.output(x));
        assertSame(cachedInput, net.getInput());
        assertEquals(listeners, net.getListeners().size());
        assertTrue(net.getLayerWiseConfigurations().getConf(0).getLayer() != null);
    }

    @Test
    void repeatedCallsGiveIdenticalScores() {
        MultiLayerNetwork net = TestNets.mlp(DataType.FLOAT, 8, new int[] {6, 9, 3},
                new IActivation[] {Activation.TANH.getActivationFunction()}, Activation.SOFTMAX);
        INDArray x = TestNets.uniform(DataType.FLOAT, 1, 1.0, 4, 6);
        DeepLift dl = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL);
        assertEquals(dl.explain(x, 2).scores(), dl.explain(x, 2).scores());
    }
}
