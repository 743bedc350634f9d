package dev.deeplift.dl4j.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A softmax followed only by identity layers is the output activation: {@code Dense(identity) →
 * ActivationLayer(softmax) → LossLayer}, what DL4J's Keras import makes of {@code Dense} and
 * {@code Activation('softmax')}, is explained at the dense layer's logits.
 */
class OutputActivationTest {

    @Test
    void aSoftmaxActivationLayerBeforeALossLayerIsTheOutputActivation() {
        var conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build())
                .layer(new ActivationLayer.Builder().activation(Activation.SOFTMAX).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.feedForward(4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 4);
        Attribution a = DeepLift.of(net).explain(x, 2);
        INDArray logits = net.feedForwardToLayer(1, x, false).get(2);
        INDArray logitsAtZero = net.feedForwardToLayer(1, Nd4j.zeros(DataType.DOUBLE, 1, 4), false).get(2);
        for (int i = 0; i < 3; i++) {
            assertEquals(logits.getDouble(i, 2) - logitsAtZero.getDouble(0, 2), a.deltas().getDouble(i), 1e-12);
        }
        assertEquals(0.0, a.maxSummationError(), 1e-12);
        assertEquals("softmax", DeepLift.of(net).model().outputActivation().toString());
    }

    @Test
    void theSameTailInAGraphIsTheOutputActivationToo() {
        var conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.DOUBLE).graphBuilder()
                .addInputs("in").setInputTypes(InputType.feedForward(4))
                .addLayer("d", new DenseLayer.Builder().nOut(3).activation(Activation.IDENTITY).build(), "in")
                .addLayer("act", new ActivationLayer.Builder().activation(Activation.SOFTMAX).build(), "d")
                .addLayer("loss", new LossLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .activation(Activation.IDENTITY).build(), "act")
                .setOutputs("loss").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 4);
        Attribution a = DeepLift.of(g).explain(x, 1);
        INDArray w = g.getLayer("d").getParam("W");
        for (int i = 0; i < 2; i++) {
            double logit = x.getRow(i).mul(w.getColumn(1)).sumNumber().doubleValue();
            assertEquals(logit, a.deltas().getDouble(i), 1e-12);
        }
        assertEquals(0.0, a.maxSummationError(), 1e-12);
    }
}
