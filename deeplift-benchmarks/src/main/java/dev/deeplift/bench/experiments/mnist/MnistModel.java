package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.bench.models.BenchmarkModels;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/** The networks the experiment can be run on, each with its cache file and default number of epochs. */
public enum MnistModel {
    /**
     * The benchmark CNN {@link BenchmarkModels#cnn()} (conv 5×5 32 → max-pool 2 → conv 5×5 64 → max-pool 2 →
     * dense 128 → softmax 10), its seeded Xavier weights unchanged, Adam on every layer.
     */
    MAXPOOL("maxpool", "mnist-cnn.zip", 4) {
        @Override
        public MultiLayerNetwork untrained(double learningRate) {
            MultiLayerConfiguration conf = BenchmarkModels.cnn().getLayerWiseConfigurations().clone();
            for (NeuralNetConfiguration layer : conf.getConfs()) {
                if (layer.getLayer() instanceof BaseLayer base) {
                    base.setIUpdater(new Adam(learningRate));
                }
            }
            MultiLayerNetwork net = new MultiLayerNetwork(conf);
            net.init();
            return net;
        }
    },
    /** The authors' network ({@link AuthorsMnistCnn}): two strided convolutions, no pooling, two dense layers. */
    AUTHORS("authors", "mnist-authors-cnn.zip", 12) {
        @Override
        public MultiLayerNetwork untrained(double learningRate) {
            return AuthorsMnistCnn.untrained(learningRate);
        }
    };

    private final String id;
    private final String modelFile;
    private final int defaultEpochs;

    MnistModel(String id, String modelFile, int defaultEpochs) {
        this.id = id;
        this.modelFile = modelFile;
        this.defaultEpochs = defaultEpochs;
    }

    /** The network with its seeded initial weights and Adam at {@code learningRate} as every layer's updater. */
    public abstract MultiLayerNetwork untrained(double learningRate);

    /** The name on the command line ({@code --model}) and in the results. */
    public String id() {
        return id;
    }

    /** The cached trained network's file name under the data folder. */
    public String modelFile() {
        return modelFile;
    }

    /** Epochs of training when no cached network is found. */
    public int defaultEpochs() {
        return defaultEpochs;
    }

    /** The model named {@code id} (case ignored). */
    public static MnistModel of(String id) {
        for (MnistModel m : values()) {
            if (m.id.equalsIgnoreCase(id)) {
                return m;
            }
        }
        throw new IllegalArgumentException("Unknown model '" + id + "'; expected one of "
                + Arrays.stream(values()).map(MnistModel::id).toList());
    }

    @Override
    public String toString() {
        return id;
    }
}
