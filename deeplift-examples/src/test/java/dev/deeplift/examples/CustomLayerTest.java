package dev.deeplift.examples;

import dev.deeplift.dl4j.convert.Converters;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A user adds a rule for their own layer with one converter, exactly as the how-to (docs/how-to) shows. */
class CustomLayerTest {

    static MultiLayerNetwork net() {
        var conf = new NeuralNetConfiguration.Builder().seed(12).dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.IDENTITY).build())
                .layer(new FeatureScale(4))
                .layer(new DenseLayer.Builder().nOut(5).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.feedForward(3)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(1).getParam("w").assign(Nd4j.createFromArray(new double[][] {{2.0, -0.5, 1.5, -3.0}}));
        return net;
    }

    @Test
    void anUnregisteredCustomLayerIsRefusedByName() {
        // Registration is global and by exact class: a subclass nobody registered stays unknown.
        class Unknown extends FeatureScale {
            Unknown() {
                super(4);
            }
        }
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new Unknown()).setInputType(InputType.feedForward(4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(net));
        assertTrue(e.getMessage().contains("Unknown"), e.getMessage());
        assertTrue(e.getMessage().contains("Converters.register"), e.getMessage());
    }

    @Test
    void aRegisteredConverterMakesTheCustomLayerExactlyExplainable() {
        Converters.register(FeatureScale.class, new FeatureScaleConverter());
        MultiLayerNetwork net = net();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3).subi(0.5);
        INDArray ref = Nd4j.rand(DataType.DOUBLE, 1, 3).subi(0.5);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(x, ref, 1);
            // The deltas are the logits (before the softmax) computed from DL4J's own activations of the layer below.
            INDArray w3 = net.getLayer(3).getParam("W");
            INDArray b3 = net.getLayer(3).getParam("b");
            INDArray h = net.feedForwardToLayer(2, x, false).get(3);
            INDArray hRef = net.feedForwardToLayer(2, ref, false).get(3);
            for (int i = 0; i < 4; i++) {
                double z = h.getRow(i).mul(w3.getColumn(1)).sumNumber().doubleValue() + b3.getDouble(1);
                double zRef = hRef.getRow(0).mul(w3.getColumn(1)).sumNumber().doubleValue() + b3.getDouble(1);
                assertEquals(z - zRef, a.deltas().getDouble(i), 1e-12);
            }
            assertEquals(0.0, a.maxSummationError(), 1e-12, rule.toString());
        }
    }
}
