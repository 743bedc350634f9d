package dev.deeplift.bench.experiments.attention;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The small attention model of the planted-token experiment, a DL4J ComputationGraph over one-hot tokens
 * {@code [N, V, T]}:
 * <pre>
 * embed: Convolution1D, kernel 1, V → d (a token embedding with a bias: one-hot times a matrix)
 * att:   SelfAttentionLayer, d → d, 2 heads
 * res:   embed + att (ElementWiseVertex Add)
 * pool:  GlobalPooling MAX over time
 * ff:    Dense d → 16, ReLU
 * out:   softmax over the 2 classes
 * </pre>
 * trained with Adam on mini-batches drawn from a seeded shuffle, so one seed gives one network.
 */
public final class AttentionClassifier {
    /** The embedding width. */
    public static final int WIDTH = 16;
    private final int epochs;
    private final long seed;

    private AttentionClassifier(int epochs, long seed) {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be at least 1, got " + epochs);
        }
        this.epochs = epochs;
        this.seed = seed;
    }

    /** A trainer for {@code epochs} passes over the training set, from {@code seed}. */
    public static AttentionClassifier of(int epochs, long seed) {
        return new AttentionClassifier(epochs, seed);
    }

    /** The untrained graph, FLOAT, initialised from the seed. */
    public ComputationGraph untrained() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.FLOAT)
                .updater(new Adam(5e-3)).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("tokens")
                .setInputTypes(InputType.recurrent(PlantedTokenTask.VOCABULARY, PlantedTokenTask.LENGTH))
                .addLayer("embed", new Convolution1DLayer.Builder().kernelSize(1).nOut(WIDTH)
                        .activation(Activation.IDENTITY).build(), "tokens")
                .addLayer("att", new SelfAttentionLayer.Builder().nOut(WIDTH).nHeads(2).projectInput(true).build(),
                        "embed")
                .addVertex("res", new ElementWiseVertex(ElementWiseVertex.Op.Add), "embed", "att")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.MAX).build(), "res")
                .addLayer("ff", new DenseLayer.Builder().nOut(16).activation(Activation.RELU).build(), "pool")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "ff")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** Trains on {@code train} with mini-batches of 32. */
    public ComputationGraph train(PlantedTokenTask.Sequences train) {
        ComputationGraph graph = untrained();
        INDArray x = train.oneHot(DataType.FLOAT).reshape(train.size(), -1);
        INDArray y = train.labelMatrix(DataType.FLOAT);
        Random rng = new Random(seed);
        int[] order = java.util.stream.IntStream.range(0, train.size()).toArray();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (int i = order.length - 1; i > 0; i--) {
                int j = rng.nextInt(i + 1);
                int t = order[i];
                order[i] = order[j];
                order[j] = t;
            }
            for (int from = 0; from < order.length; from += 32) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(order.length, from + 32));
                graph.fit(new INDArray[] {Nd4j.pullRows(x, 1, rows).reshape(rows.length, PlantedTokenTask.VOCABULARY,
                        PlantedTokenTask.LENGTH)}, new INDArray[] {Nd4j.pullRows(y, 1, rows)});
            }
        }
        graph.clear();
        return graph;
    }

    /** The share of {@code data} classified correctly. */
    public static double accuracy(ComputationGraph graph, PlantedTokenTask.Sequences data) {
        INDArray predicted = graph.outputSingle(data.oneHot(DataType.FLOAT)).argMax(1);
        int correct = 0;
        for (int n = 0; n < data.size(); n++) {
            correct += predicted.getInt(n) == data.labels()[n] ? 1 : 0;
        }
        return correct / (double) data.size();
    }
}
