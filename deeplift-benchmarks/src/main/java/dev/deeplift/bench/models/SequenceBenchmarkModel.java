package dev.deeplift.bench.models;

import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The recurrent benchmark networks with their synthetic data, FLOAT, random (Xavier) weights from
 * {@link BenchmarkModels#SEED}: their cost, not their accuracy, is measured. Any sequence length works (the last
 * step is read whatever T is), so one network serves T = 100 in JMH and T = 1000 in the memory soak.
 */
public enum SequenceBenchmarkModel {
    /**
     * {@code LastTimeStep(LSTM(32 → 128))} → dense 10 softmax. Input {@code [N, 32, T]} (NCW), standard normal
     * features.
     */
    LSTM(SequenceBenchmarkModel::lstm),
    /**
     * A text classifier: {@code EmbeddingSequenceLayer(5000 tokens → 64)} → {@code LastTimeStep(LSTM(64 → 128))} →
     * dense 2 softmax. Input {@code [N, T]} token indices, uniform over the vocabulary; references are token 0.
     */
    TEXT(SequenceBenchmarkModel::text);

    /** Input features of {@link #LSTM}. */
    public static final int FEATURES = 32;
    /** Recurrent units of both networks. */
    public static final int UNITS = 128;
    /** Vocabulary of {@link #TEXT}. */
    public static final int VOCABULARY = 5000;
    /** Embedding size of {@link #TEXT}. */
    public static final int EMBEDDING = 64;

    private final Supplier<MultiLayerNetwork> network;

    SequenceBenchmarkModel(Supplier<MultiLayerNetwork> network) {
        this.network = network;
    }

    /** A new network with the model's fixed random weights. */
    public MultiLayerNetwork network() {
        return network.get();
    }

    /** Number of output units. */
    public int outputs() {
        return this == TEXT ? 2 : 10;
    }

    /** The shape of {@code n} inputs of {@code steps} steps. */
    public long[] inputShape(int n, int steps) {
        return this == TEXT ? new long[] {n, steps} : new long[] {n, FEATURES, steps};
    }

    /** {@code n} inputs of {@code steps} steps drawn from {@code seed}. */
    public INDArray inputs(int n, int steps, long seed) {
        if (this == LSTM) {
            Nd4j.getRandom().setSeed(seed);
            return Nd4j.randn(DataType.FLOAT, inputShape(n, steps));
        }
        Random random = new Random(seed);
        float[] tokens = new float[n * steps];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = random.nextInt(VOCABULARY);
        }
        return Nd4j.create(tokens, inputShape(n, steps), 'c');
    }

    /** One reference shared by every example {@code [1, ...]}: all-zero features, or token 0 everywhere. */
    public INDArray zeroReference(int steps) {
        return Nd4j.zeros(DataType.FLOAT, inputShape(1, steps));
    }

    /** {@code [n, outputs]} one-hot labels drawn from {@code seed}. */
    public INDArray labels(int n, long seed) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, outputs());
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, random.nextInt(outputs()), 1);
        }
        return labels;
    }

    /** One target per example, cycling through the outputs. */
    public int[] targets(int n) {
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = i % outputs();
        }
        return targets;
    }

    private static MultiLayerNetwork lstm() {
        return init(base().list()
                .layer(new LastTimeStep(recurrent(FEATURES)))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(UNITS).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    private static MultiLayerNetwork text() {
        // No input type: setInputType would replace the embedding's vocabulary (nIn) with the input's size.
        return init(base().list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(VOCABULARY).nOut(EMBEDDING).build())
                .layer(new LastTimeStep(recurrent(EMBEDDING)))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(UNITS).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
    }

    private static org.deeplearning4j.nn.conf.layers.LSTM recurrent(int nIn) {
        // Set on the layer: a layer wrapped in LastTimeStep does not always inherit the network's defaults.
        return new org.deeplearning4j.nn.conf.layers.LSTM.Builder().nIn(nIn).nOut(UNITS).activation(Activation.TANH)
                .gateActivationFunction(Activation.SIGMOID).weightInit(WeightInit.XAVIER).build();
    }

    private static NeuralNetConfiguration.Builder base() {
        return new NeuralNetConfiguration.Builder().seed(BenchmarkModels.SEED).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER);
    }

    private static MultiLayerNetwork init(org.deeplearning4j.nn.conf.MultiLayerConfiguration conf) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }
}
