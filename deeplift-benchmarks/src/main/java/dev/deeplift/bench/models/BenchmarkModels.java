package dev.deeplift.bench.models;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The benchmark networks, FLOAT, with random (Xavier) weights from a fixed seed: their cost, not their
 * accuracy, is what is measured. They are the models of the performance notes, so figures can be set side by side
 * with PyTorch/Captum measured on the same machine kind.
 */
public final class BenchmarkModels {
    /** The seed of every network's weights. */
    public static final long SEED = 20170410L;

    private BenchmarkModels() {
    }

    /** MNIST MLP: 784 → dense 300 ReLU → dense 100 ReLU → 10 softmax. Input {@code [N, 784]}. */
    public static MultiLayerNetwork mlp() {
        return init(base().list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(300).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(300).nOut(100).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    /**
     * MNIST CNN: conv 5×5 (32, ReLU) → max-pool 2 → conv 5×5 (64, ReLU) → max-pool 2 → dense 128 ReLU → 10 softmax,
     * valid (truncated) convolutions. Input {@code [N, 1, 28, 28]} (NCHW).
     */
    public static MultiLayerNetwork cnn() {
        return init(base().list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
    }

    /**
     * Genomics Conv1D: one-hot DNA {@code [N, 4, 1000]} (NCW) → three blocks of Convolution1DLayer (64 filters of
     * widths 19, 11, 7; same padding; ReLU), each followed by max-pooling (3, 4, 4; stride equal to the width),
     * leaving {@code 64 × 20} → dense 128 ReLU → 3 sigmoid outputs.
     *
     * <p>A DL4J {@code MultiLayerNetwork} cannot flatten sequences for a dense layer: the preprocessor it inserts
     * ({@code RnnToFeedForwardPreProcessor}) folds the 20 positions into the batch, and
     * {@code CnnToFeedForwardPreProcessor} takes rank-4 arrays only. So the dense layer over all {@code 64 × 20}
     * values is written as a Convolution1DLayer of width 20 without padding (one output position: the same weight
     * count and arithmetic as a dense layer), then a global average over that single position, which only drops
     * the length axis.
     */
    public static MultiLayerNetwork conv1d() {
        return init(base().list()
                .layer(conv1d(19, 64, ConvolutionMode.Same))
                .layer(maxPool1d(3))
                .layer(conv1d(11, 64, ConvolutionMode.Same))
                .layer(maxPool1d(4))
                .layer(conv1d(7, 64, ConvolutionMode.Same))
                .layer(maxPool1d(4))
                .layer(conv1d(20, 128, ConvolutionMode.Truncate))
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(3)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.recurrent(4, 1000))
                .build());
    }

    /**
     * The smallest network: one output layer, 10 inputs → 3 softmax outputs. It does almost no arithmetic, so the
     * time of a call on it is the fixed cost of a call (checks, op dispatch, array bookkeeping). Input
     * {@code [N, 10]}.
     */
    public static MultiLayerNetwork oneLayer() {
        return init(base().list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(10).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    /** {@link #oneLayer()} with a hidden layer first: 10 → dense 10 ReLU → 3 softmax. Input {@code [N, 10]}. */
    public static MultiLayerNetwork twoLayers() {
        return init(base().list()
                .layer(new DenseLayer.Builder().nIn(10).nOut(10).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(10).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    private static Convolution1DLayer conv1d(int width, int filters, ConvolutionMode mode) {
        return new Convolution1DLayer.Builder(width).nOut(filters).convolutionMode(mode)
                .activation(Activation.RELU).build();
    }

    private static Subsampling1DLayer maxPool1d(int width) {
        return new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(width).stride(width).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER);
    }

    private static MultiLayerNetwork init(MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
