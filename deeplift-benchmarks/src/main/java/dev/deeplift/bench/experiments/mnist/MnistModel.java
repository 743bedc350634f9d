package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.bench.models.BenchmarkModels;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.learning.config.Adam;

/**
 * The networks the experiment can be run on, each with its cache file, default number of epochs and the scale of
 * the grey values it is fed ({@link #inputScale()}: the digits' [0, 1] values are multiplied by it for training,
 * testing and explaining; erased pixels are 0 either way).
 */
public enum MnistModel {
    /**
     * The benchmark CNN {@link BenchmarkModels#cnn()} (conv 5×5 32 → max-pool 2 → conv 5×5 64 → max-pool 2 →
     * dense 128 → softmax 10), its seeded Xavier weights unchanged, Adam on every layer.
     */
    MAXPOOL("maxpool", "mnist-cnn.zip", 4, 1) {
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
    /**
     * The authors' network ({@link AuthorsMnistCnn}): two strided convolutions, no pooling, two dense layers; fed
     * grey values in [0, 1] like the other model.
     */
    AUTHORS("authors", "mnist-authors-cnn.zip", 12, 1) {
        @Override
        public MultiLayerNetwork untrained(double learningRate) {
            return AuthorsMnistCnn.untrained(learningRate);
        }
    },
    /**
     * The authors' network fed raw grey values in [0, 255], as the authors' trained network was (their notebooks
     * measure and explain it on unscaled images).
     */
    AUTHORS_RAW("authors-raw", "mnist-authors-raw-cnn.zip", 12, 255) {
        @Override
        public MultiLayerNetwork untrained(double learningRate) {
            return AuthorsMnistCnn.untrained(learningRate);
        }
    };

    private final String id;
    private final String modelFile;
    private final int defaultEpochs;
    private final double inputScale;

    MnistModel(String id, String modelFile, int defaultEpochs, double inputScale) {
        this.id = id;
        this.modelFile = modelFile;
        this.defaultEpochs = defaultEpochs;
        this.inputScale = inputScale;
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

    /** The factor applied to the digits' grey values in [0, 1] before they reach this network: 1 or 255. */
    public double inputScale() {
        return inputScale;
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
