package dev.deeplift.cli;

import java.io.IOException;
import java.nio.file.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.misc.RepeatVector;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small untrained networks with fixed random weights, saved with ModelSerializer as the command line reads them. */
final class CliTestModels {
    /** Inputs of {@link #mlp}. */
    static final int MLP_IN = 6;
    /** Outputs of every network here. */
    static final int CLASSES = 3;

    private CliTestModels() {
    }

    /** A dense network {@code [N, 6] -> 3} (softmax), of the given data type. */
    static MultiLayerNetwork mlp(DataType type) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(3).dataType(type)
                .list()
                .layer(new DenseLayer.Builder().nIn(MLP_IN).nOut(8).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(8).nOut(4).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** A CNN for images {@code [N, 1, 6, 6]}, 3 classes. */
    static MultiLayerNetwork cnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(4).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(2).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(6, 6, 1))
                .build());
        net.init();
        return net;
    }

    /** A 1D CNN for one-hot DNA {@code [N, 4, 10]}, 3 sigmoid tasks. */
    static MultiLayerNetwork dna() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).list()
                .layer(new Convolution1DLayer.Builder().kernelSize(3).nIn(4).nOut(3).activation(Activation.RELU)
                        .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(3).nOut(CLASSES)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.recurrent(4, 10))
                .build());
        net.init();
        return net;
    }

    /** A computation graph {@code [N, 6] -> 3}, a dense layer and an output layer. */
    static ComputationGraph graph() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(6).graphBuilder()
                .addInputs("in")
                .addLayer("hidden", new DenseLayer.Builder().nIn(MLP_IN).nOut(4).activation(Activation.RELU)
                        .build(), "in")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(CLASSES)
                        .activation(Activation.SOFTMAX).build(), "hidden")
                .setOutputs("out")
                .build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** A network with a RepeatVector layer, which DeepLIFT has no rule for. */
    static MultiLayerNetwork unsupported() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7).list()
                .layer(new RepeatVector.Builder(3).name("memory").build())
                .layer(new RnnOutputLayer.Builder().nIn(MLP_IN).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /** An LSTM with per-step softmax outputs, DOUBLE. */
    static MultiLayerNetwork lstm() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).list()
                .layer(new LSTM.Builder().name("memory").nIn(MLP_IN).nOut(4).activation(Activation.TANH).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder().nIn(4).nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        return net;
    }

    /**
     * An LSTM tagger: per-step softmax outputs (an RnnOutputLayer), {@code [N, 3, T]} for NCW and {@code [N, T, 3]}
     * for NWC, DOUBLE.
     */
    static MultiLayerNetwork tagger(int nIn, RNNFormat format) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(8)
                .dataType(DataType.DOUBLE).list()
                .layer(new LSTM.Builder().nIn(nIn).nOut(5).activation(Activation.TANH).dataFormat(format).build())
                .layer(new RnnOutputLayer.Builder().nIn(5).nOut(CLASSES).activation(Activation.SOFTMAX)
                        .dataFormat(format).build())
                .build());
        net.init();
        return net;
    }

    /**
     * An LSTM with a dense softmax output at every step, NCW, DOUBLE: DL4J puts an RnnToFeedForward preprocessor
     * before the OutputLayer and returns {@code [N·T, 3]} rows, example i at step t in row {@code i + t·N}.
     */
    static MultiLayerNetwork perStepRows(int steps) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(9)
                .dataType(DataType.DOUBLE).list()
                .layer(new LSTM.Builder().nOut(5).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder().nOut(CLASSES).activation(Activation.SOFTMAX).build())
                .setInputType(InputType.recurrent(MLP_IN, steps))
                .build());
        net.init();
        return net;
    }

    /** Saves a network as ModelSerializer does and returns the file. */
    static Path save(MultiLayerNetwork net, Path file) throws IOException {
        ModelSerializer.writeModel(net, file.toFile(), false);
        return file;
    }

    /** Saves a computation graph as ModelSerializer does and returns the file. */
    static Path save(ComputationGraph graph, Path file) throws IOException {
        ModelSerializer.writeModel(graph, file.toFile(), false);
        return file;
    }
}
