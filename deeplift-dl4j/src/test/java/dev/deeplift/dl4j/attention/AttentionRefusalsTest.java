package dev.deeplift.dl4j.attention;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Target;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** What attention networks DeepLift refuses, and the bad input it refuses before any work. */
class AttentionRefusalsTest {

    private static MultiLayerNetwork net(org.deeplearning4j.nn.conf.layers.Layer... layers) {
        var list = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE).list();
        for (var l : layers) {
            list.layer(l);
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    @Test
    void learnedSelfAttentionIsRefusedNamingTheDl4jFailure() {
        MultiLayerNetwork net = net(new LearnedSelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(1).nQueries(2)
                .projectInput(true).build());
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(net));
        assertTrue(e.getMessage().contains("LearnedSelfAttentionLayer") && e.getMessage().contains("scatter_update"),
                e.getMessage());
    }

    @Test
    void aRecurrentAttentionSoftmaxActivationIsRefused() {
        MultiLayerNetwork net = net(new RecurrentAttentionLayer.Builder().nIn(3).nOut(3).nHeads(1)
                .activation(Activation.SOFTMAX).build());
        net.output(Nd4j.rand(DataType.DOUBLE, 1, 3, 4));
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(net));
        assertTrue(e.getMessage().contains("SOFTMAX"), e.getMessage());
    }

    @Test
    void aMaskOfTheWrongShapeIsRefusedBeforeWork() {
        MultiLayerNetwork net = net(new SelfAttentionLayer.Builder().nIn(3).nOut(4).nHeads(2).projectInput(true)
                .build());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 5);
        DeepLift dl = DeepLift.of(net);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dl.explain(x, x.mul(0), Target.unitAtStep(0, 0), Nd4j.ones(DataType.DOUBLE, 2, 6)));
        assertTrue(e.getMessage().contains("[2, 5]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> dl.explain(x, x.mul(0), Target.unitAtStep(0, 0), Nd4j.ones(DataType.DOUBLE, 3, 5)));
    }

    @Test
    void wrongFeatureCountsAndNwcActivationsAreRefusedBeforeWork() {
        MultiLayerNetwork net = net(new SelfAttentionLayer.Builder().nIn(3).nOut(4).nHeads(2).projectInput(true)
                .build());
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepLift.of(net).explain(x, x.mul(0), Target.unitAtStep(0, 0)));
        assertTrue(e.getMessage().contains("takes 3 features"), e.getMessage());
        // A Conv1D in NWC before it: DL4J would read [N, T, C] as [N, C, T].
        MultiLayerNetwork nwc = net(new Convolution1DLayer.Builder().kernelSize(1).nIn(3).nOut(4)
                .rnnDataFormat(RNNFormat.NWC).activation(Activation.IDENTITY).build(),
                new SelfAttentionLayer.Builder().nIn(4).nOut(4).nHeads(1).build());
        INDArray y = Nd4j.rand(DataType.DOUBLE, 2, 4, 3);
        IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
                () -> DeepLift.of(nwc).explain(y, y.mul(0), Target.unitAtStep(0, 0)));
        assertTrue(f.getMessage().contains("NCW"), f.getMessage());
    }
}
