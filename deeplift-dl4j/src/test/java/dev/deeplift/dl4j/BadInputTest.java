package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.UnsupportedLayerException;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input gets a clear exception before any work. */
class BadInputTest {
    private final MultiLayerNetwork net = TestNets.mlp(DataType.FLOAT, 1, new int[] {4, 5, 3},
            new IActivation[] {Activation.RELU.getActivationFunction()}, Activation.SOFTMAX);
    private final DeepLift dl = DeepLift.of(net);
    private final INDArray x = TestNets.uniform(DataType.FLOAT, 1, 1.0, 2, 4);

    private static void assertMessage(Throwable t, String... parts) {
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message \"" + t.getMessage() + "\" lacks \"" + p + "\"");
        }
    }

    @Test
    void wrongInputShapeIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> dl.explain(Nd4j.zeros(DataType.FLOAT, 2, 5), 0));
        assertMessage(e, "input", "[2, 5]", "[N, 4]");
        assertThrows(IllegalArgumentException.class, () -> dl.explain(Nd4j.zeros(DataType.FLOAT, 4), 0));
    }

    @Test
    void mismatchedReferenceIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> dl.explain(x, Nd4j.zeros(DataType.FLOAT, 3, 4), 0));
        assertMessage(e, "reference", "[3, 4]");
        assertThrows(IllegalArgumentException.class, () -> dl.explain(x, Nd4j.zeros(DataType.FLOAT, 1, 3), 0));
    }

    @Test
    void nanAndInfinityNameTheExample() {
        INDArray bad = x.dup();
        bad.putScalar(1, 2, Float.NaN);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> dl.explain(bad, 0)), "input", "example 1");
        INDArray inf = x.dup();
        inf.putScalar(0, 0, Float.POSITIVE_INFINITY);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> dl.explain(x, inf, 0)),
                "reference", "example 0");
    }

    @Test
    void targetsOutOfRangeOrOfTheWrongCountAreNamed() {
        assertMessage(assertThrows(IllegalArgumentException.class, () -> dl.explain(x, 3)), "Target 3", "3 units");
        assertThrows(IllegalArgumentException.class, () -> dl.explain(x, -1));
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> dl.explain(x, x, new int[] {0})), "1 targets for 2 examples");
    }

    @Test
    void emptyBatchAndNullAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> dl.explain(Nd4j.zeros(DataType.FLOAT, 0, 4), 0));
        assertThrows(IllegalArgumentException.class, () -> dl.explain(null, 0));
        assertThrows(IllegalArgumentException.class, () -> dl.explain(x, (INDArray) null, 0));
    }

    @Test
    void integerInputIsRejectedAndDoubleInputIsCastToTheNetworksType() {
        assertThrows(IllegalArgumentException.class, () -> dl.explain(x.castTo(DataType.INT), 0));
        var a = dl.explain(x.castTo(DataType.DOUBLE), 1);
        assertEquals(DataType.FLOAT, a.scores().dataType());
        assertEquals(dl.explain(x, 1).scores(), a.scores());
    }

    @Test
    void softmaxInsideTheNetworkNamesTheLayer() {
        MultiLayerNetwork n = TestNets.mlp(DataType.FLOAT, 1, new int[] {4, 5, 3},
                new IActivation[] {Activation.SOFTMAX.getActivationFunction()}, Activation.SOFTMAX);
        var e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(n));
        assertMessage(e, "layer 0", "DenseLayer", "softmax");
    }

    @Test
    void unsupportedLayerIsNamedWithItsIndex() {
        var conf = new NeuralNetConfiguration.Builder().list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).build())
                .layer(new RepeatVector.Builder(3).name("memory").build())
                .layer(new RnnOutputLayer.Builder().nIn(4).nOut(2).activation(Activation.SOFTMAX).build())
                .build();
        MultiLayerNetwork n = new MultiLayerNetwork(conf);
        n.init();
        var e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(n));
        assertMessage(e, "layer 1", "memory", "RepeatVector");
    }

    @Test
    void aNetworkThatWasNeverInitialisedIsRejected() {
        var conf = new NeuralNetConfiguration.Builder().list()
                .layer(new OutputLayer.Builder().nIn(3).nOut(2).activation(Activation.SOFTMAX).build()).build();
        var e = assertThrows(IllegalStateException.class, () -> DeepLift.of(new MultiLayerNetwork(conf)));
        assertMessage(e, "init()");
    }
}
