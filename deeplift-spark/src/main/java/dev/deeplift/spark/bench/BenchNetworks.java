package dev.deeplift.spark.bench;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The networks of the Spark throughput measurement: the same architectures and seed as the JMH benchmarks'
 * ({@code dev.deeplift.bench.models.BenchmarkModels} in deeplift-benchmarks, which this module does not depend on),
 * FLOAT, random Xavier weights: their cost is what is measured.
 */
final class BenchNetworks {
    private static final long SEED = 20170410L;

    private BenchNetworks() {
    }

    /** MNIST CNN: conv 5×5 (32, ReLU) → max-pool 2 → conv 5×5 (64, ReLU) → max-pool 2 → dense 128 → 10. */
    static MultiLayerNetwork cnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(32).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(64).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        net.init();
        return net;
    }

    /** MNIST MLP: 784 → dense 300 ReLU → dense 100 ReLU → 10 softmax. */
    static MultiLayerNetwork mlp() {
        MultiLayerNetwork net = new MultiLayerNetwork(base().list()
                .layer(new DenseLayer.Builder().nIn(784).nOut(300).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(300).nOut(100).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(100).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** The network of a name: {@code cnn} or {@code mlp}. */
    static MultiLayerNetwork of(String name) {
        return switch (name) {
            case "cnn" -> cnn();
            case "mlp" -> mlp();
            default -> throw new IllegalArgumentException("--model must be cnn or mlp; got '" + name + "'");
        };
    }

    /** One example's shape for a network's name. */
    static long[] shape(String name) {
        return name.equals("cnn") ? new long[] {1, 28, 28} : new long[] {784};
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(SEED).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER);
    }
}
