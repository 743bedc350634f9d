package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.bench.models.BenchmarkModels;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Properties;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the benchmark MNIST CNN ({@link BenchmarkModels#cnn()}: conv 5×5 32 → max-pool → conv 5×5 64 → max-pool →
 * dense 128 → softmax 10) on the training split with Adam, on the CPU, and caches the result.
 *
 * <p>The architecture and its seeded Xavier initialisation are taken from {@link BenchmarkModels#cnn()} unchanged;
 * only the updater is replaced (the benchmark model keeps DL4J's default plain SGD, which trains far slower).
 * Mini-batches are drawn from a seeded shuffle of the training split each epoch, so one seed gives one network.
 *
 * <pre>{@code
 * TrainedCnn cnn = MnistCnnTrainer.defaults().trainOrLoad(split, Path.of("deeplift-benchmarks/data/mnist/mnist-cnn.zip"));
 * }</pre>
 */
public final class MnistCnnTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(MnistCnnTrainer.class);
    /** The cached model's file name under the data folder. */
    public static final String MODEL_FILE = "mnist-cnn.zip";

    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;

    private MnistCnnTrainer(int epochs, int batchSize, double learningRate, long seed) {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs and batchSize must be at least 1 and learningRate positive; got "
                    + epochs + ", " + batchSize + ", " + learningRate);
        }
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /** Three epochs of mini-batches of 64 with Adam at learning rate 0.001, shuffled from a fixed seed. */
    public static MnistCnnTrainer defaults() {
        return new MnistCnnTrainer(3, 64, 1e-3, BenchmarkModels.SEED);
    }

    /** The same trainer with another number of epochs. */
    public MnistCnnTrainer withEpochs(int epochs) {
        return new MnistCnnTrainer(epochs, batchSize, learningRate, seed);
    }

    /** Passes over the training split. */
    public int epochs() {
        return epochs;
    }

    /** The benchmark CNN, initialised from its seed, with Adam as every layer's updater. */
    public MultiLayerNetwork untrainedNetwork() {
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

    /** Trains a new network on {@code split.train()} and measures it on {@code split.test()}. */
    public TrainedCnn train(MnistSplit split) {
        MultiLayerNetwork net = untrainedNetwork();
        MnistDigits train = split.train();
        INDArray pixels = train.images().reshape(train.size(), MnistDigits.PIXELS);
        INDArray oneHot = oneHot(train.labels());
        Random random = new Random(seed);
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = permutation(train.size(), random);
            for (int from = 0; from < order.length; from += batchSize) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
                INDArray x = Nd4j.pullRows(pixels, 1, rows).reshape(rows.length, 1, MnistDigits.SIDE, MnistDigits.SIDE);
                net.fit(x, Nd4j.pullRows(oneHot, 1, rows));
            }
            LOG.info("MNIST CNN epoch {}/{}: loss {} after {} s", epoch + 1, epochs, net.score(),
                    Math.round((System.nanoTime() - start) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainedCnn(net, accuracy(net, split.test()), seconds, epochs, false);
    }

    /**
     * The cached network if {@code modelFile} exists (its test accuracy measured again), else a newly trained one,
     * then saved there (without updater state) with its training time and epochs beside it in a
     * {@code .properties} file.
     */
    public TrainedCnn trainOrLoad(MnistSplit split, Path modelFile) {
        Path record = recordFile(modelFile);
        try {
            if (Files.isRegularFile(modelFile)) {
                MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(modelFile.toFile(), false);
                Properties p = new Properties();
                if (Files.isRegularFile(record)) {
                    try (Reader in = Files.newBufferedReader(record)) {
                        p.load(in);
                    }
                }
                return new TrainedCnn(net, accuracy(net, split.test()),
                        Double.parseDouble(p.getProperty("trainSeconds", "NaN")),
                        Integer.parseInt(p.getProperty("epochs", "0")), true);
            }
            TrainedCnn trained = train(split);
            Files.createDirectories(modelFile.toAbsolutePath().getParent());
            ModelSerializer.writeModel(trained.network(), modelFile.toFile(), false);
            Properties p = new Properties();
            p.setProperty("trainSeconds", Double.toString(trained.trainSeconds()));
            p.setProperty("epochs", Integer.toString(trained.epochs()));
            p.setProperty("testAccuracy", Double.toString(trained.testAccuracy()));
            p.setProperty("trainImages", Integer.toString(split.train().size()));
            try (Writer out = Files.newBufferedWriter(record)) {
                p.store(out, "MNIST CNN training, written by MnistCnnTrainer");
            }
            return trained;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or write the cached MNIST model " + modelFile, e);
        }
    }

    /** Share of {@code digits} whose arg-max output is their label. */
    public static double accuracy(MultiLayerNetwork net, MnistDigits digits) {
        if (digits.size() == 0) {
            return Double.NaN;
        }
        int correct = 0;
        for (int from = 0; from < digits.size(); from += 500) {
            int to = Math.min(digits.size(), from + 500);
            INDArray x = digits.images().get(NDArrayIndex.interval(from, to));
            INDArray predicted = net.output(x).argMax(1);
            for (int i = from; i < to; i++) {
                if (predicted.getInt(i - from) == digits.label(i)) {
                    correct++;
                }
            }
        }
        return correct / (double) digits.size();
    }

    private static Path recordFile(Path modelFile) {
        return modelFile.resolveSibling(modelFile.getFileName() + ".properties");
    }

    private static INDArray oneHot(int[] labels) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, labels.length, MnistDigits.CLASSES);
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1f);
        }
        return y;
    }

    private static int[] permutation(int n, Random random) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) {
            p[i] = i;
        }
        for (int i = n - 1; i > 0; i--) { // Fisher-Yates, from the trainer's seeded generator
            int j = random.nextInt(i + 1);
            int t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }
}
