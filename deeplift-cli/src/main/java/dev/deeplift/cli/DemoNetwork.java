package dev.deeplift.cli;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The demo's network: a tiny CNN (3x3 convolution, ReLU, 2x2 max pooling, dense ReLU, softmax over the four
 * quadrants) trained on {@link DemoImages} in a few seconds on a CPU.
 */
final class DemoNetwork {
    private static final int EPOCHS = 6;
    private static final int MINIBATCH = 64;

    private DemoNetwork() {
    }

    /** A network trained on {@code data}, reproducibly from {@code seed}. */
    static MultiLayerNetwork train(DemoImages data, long seed) {
        Nd4j.getRandom().setSeed(seed);
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .updater(new Adam(0.01)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(8).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(32).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(DemoImages.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(DemoImages.SIZE, DemoImages.SIZE, 1))
                .build());
        net.init();
        DataSet all = new DataSet(data.images(), data.oneHotLabels());
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (DataSet batch : all.batchBy(MINIBATCH)) {
                net.fit(batch);
            }
        }
        return net;
    }

    /** The fraction of images whose predicted class is their label. */
    static double accuracy(MultiLayerNetwork net, DemoImages data) {
        INDArray predicted = Nd4j.argMax(net.output(data.images(), false), 1);
        int right = 0;
        for (int i = 0; i < data.labels().length; i++) {
            right += predicted.getInt(i) == data.labels()[i] ? 1 : 0;
        }
        return right / (double) data.labels().length;
    }
}
