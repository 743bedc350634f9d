package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import java.util.Map;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Explaining leaves a recurrent network as it was: parameters, and the RNN state stored by rnnTimeStep. */
class RecurrentUntouchedTest {

    @Test
    void explainingLeavesParametersAndStoredRnnStateAsTheyWere() {
        MultiLayerNetwork net = RnnNets.mln(3, RnnCases.lstm(RNNFormat.NCW, Activation.TANH, Activation.SIGMOID),
                new GravesLSTM.Builder().nIn(4).nOut(4).activation(Activation.TANH).build(),
                RnnCases.rnnOut(RNNFormat.NCW, 4));
        INDArray x = RnnNets.input(RnnNets.sequences(1, 2, 5, 3), RNNFormat.NCW);
        INDArray more = RnnNets.input(RnnNets.sequences(2, 2, 3, 3), RNNFormat.NCW);
        net.rnnTimeStep(x);
        INDArray params = net.params().dup();
        Map<String, INDArray> state0 = copy(net.rnnGetPreviousState(0));
        Map<String, INDArray> state1 = copy(net.rnnGetPreviousState(1));
        MultiLayerNetwork twin = net.clone();
        twin.rnnSetPreviousState(0, copy(state0));
        twin.rnnSetPreviousState(1, copy(state1));

        for (Rule rule : Rule.values()) {
            DeepLift.of(net).withRule(rule).explain(x, x.mul(0), Target.unitAtStep(1, 4),
                    RnnNets.array(new double[][] {{1, 1, 1, 0, 0}, {1, 1, 1, 1, 1}}));
        }

        assertEquals(params, net.params());
        assertEquals(state0, net.rnnGetPreviousState(0));
        assertEquals(state1, net.rnnGetPreviousState(1));
        // Streaming continues from the stored state exactly as it would have.
        assertEquals(twin.rnnTimeStep(more), net.rnnTimeStep(more));
    }

    private static Map<String, INDArray> copy(Map<String, INDArray> state) {
        Map<String, INDArray> c = new java.util.HashMap<>();
        state.forEach((k, v) -> c.put(k, v.dup()));
        return c;
    }
}
