package dev.deeplift.dl4j.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The example shape a network takes comes from its configuration: checked in full before any work. */
class InputShapesTest {

    private static MultiLayerNetwork cnn(CNN2DFormat format) {
        var conf = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).dataFormat(format).activation(Activation.RELU)
                        .build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                        .dataFormat(format).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1, format)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void aCnnBuiltForEightByEightRefusesSevenBySevenNamingTheShapeItTakes() {
        DeepLift dl = DeepLift.of(cnn(CNN2DFormat.NCHW));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 1, 7, 7);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dl.explain(x, 0));
        assertTrue(e.getMessage().contains("[N, 1, 7, 7]"), e.getMessage());
        assertTrue(e.getMessage().contains("layer 2"), e.getMessage());
        assertTrue(e.getMessage().contains("[N, 1, 8, 8]"), e.getMessage());
        // The right size is explained.
        Attribution a = dl.explain(Nd4j.rand(DataType.DOUBLE, 2, 1, 8, 8), 0);
        assertEquals(0.0, a.maxSummationError(), 1e-10);
    }

    @Test
    void aChannelsLastCnnNamesItsShapeChannelsLast() {
        DeepLift dl = DeepLift.of(cnn(CNN2DFormat.NHWC));
        // 9×8 would be taken too (the pooling truncates); 11×8 is not.
        INDArray x = Nd4j.rand(DataType.DOUBLE, 1, 11, 8, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> dl.explain(x, 0));
        assertTrue(e.getMessage().contains("[N, 9, 9, 1]"), e.getMessage());
    }

    @Test
    void aNetworkStartingWithBatchNormalizationOverImagesExpectsImages() {
        var conf = new NeuralNetConfiguration.Builder().seed(2).dataType(DataType.DOUBLE).list()
                .layer(new BatchNormalization.Builder().build())
                .layer(new ActivationLayer.Builder().activation(Activation.RELU).build())
                .layer(new DropoutLayer.Builder(0.5).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.TANH).build())
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.SIGMOID).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(5, 4, 2)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Running statistics that are not the identity, so the affine map matters.
        net.getLayer(0).getParam("mean").assign(Nd4j.createFromArray(0.3, -0.2).reshape(1, 2));
        INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 5, 4);
        Attribution a = DeepLift.of(net).explain(x, 1);
        assertEquals(0.0, a.maxSummationError(), 1e-10);
        INDArray logits = net.output(x, false);
        assertEquals(3, a.deltas().length());
        assertTrue(logits.size(1) == 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepLift.of(net).explain(Nd4j.rand(DataType.DOUBLE, 3, 2), 1));
        assertTrue(e.getMessage().contains("[N, 2, *, *]"), e.getMessage());
    }

    @Test
    void aGraphRefusesAnInputItsDenseLayerCannotTake() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("img")
                .setInputTypes(InputType.convolutional(6, 6, 1))
                .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build(),
                        "img")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build(), "conv")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        DeepLift dl = DeepLift.of(g);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> dl.explain(Nd4j.rand(DataType.DOUBLE, 1, 1, 5, 6), 0));
        assertTrue(e.getMessage().contains("\"out\""), e.getMessage());
        assertTrue(e.getMessage().contains("[N, 1, 6, 6]"), e.getMessage());
        assertEquals(0.0, dl.explain(Nd4j.rand(DataType.DOUBLE, 1, 1, 6, 6), 0).maxSummationError(), 1e-10);
    }
}
