package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.bench.models.BenchmarkModels;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains an MNIST network of {@link MnistModel} on the training split with Adam, on the CPU, and caches the result.
 * By default the benchmark CNN ({@link MnistModel#MAXPOOL}: {@link BenchmarkModels#cnn()}, conv 5×5 32 → max-pool →
 * conv 5×5 64 → max-pool → dense 128 → softmax 10); {@link #withModel} picks the authors' network
 * ({@link MnistModel#AUTHORS}).
 *
 * <p>Each architecture keeps its seeded initialisation; only the updater is set (the benchmark model keeps DL4J's
 * default plain SGD, which trains far slower). Mini-batches are drawn from a seeded shuffle of the training split
 * each epoch, and ND4J's random generator (dropout masks) is seeded before training, so one seed gives one network.
 *
 * <pre>{@code
 * TrainedCnn cnn = MnistCnnTrainer.defaults().trainOrLoad(split, Path.of("deeplift-benchmarks/data/mnist/mnist-cnn.zip"));
 * TrainedCnn authors = MnistCnnTrainer.defaults().withModel(MnistModel.AUTHORS).withEpochs(12)
 *         .trainOrLoad(split, Path.of("deeplift-benchmarks/data/mnist/mnist-authors-cnn.zip"));
 * }</pre>
 */
public final class MnistCnnTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(MnistCnnTrainer.class);
    /** The cached benchmark model's file name under the data folder ({@link MnistModel#MAXPOOL}). */
    public static final String MODEL_FILE = "mnist-cnn.zip";

    private final MnistModel model;
    private final int epochs;
    private final int batchSize;
    private final double learningRate;
    private final long seed;

    private MnistCnnTrainer(MnistModel model, int epochs, int batchSize, double learningRate, long seed) {
        if (epochs < 1 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("epochs and batchSize must be at least 1 and learningRate positive; got "
                    + epochs + ", " + batchSize + ", " + learningRate);
        }
        this.model = Objects.requireNonNull(model, "model");
        this.epochs = epochs;
        this.batchSize = batchSize;
        this.learningRate = learningRate;
        this.seed = seed;
    }

    /**
     * The benchmark CNN, three epochs of mini-batches of 64 with Adam at learning rate 0.001, shuffled from a fixed
     * seed.
     */
    public static MnistCnnTrainer defaults() {
        return new MnistCnnTrainer(MnistModel.MAXPOOL, 3, 64, 1e-3, BenchmarkModels.SEED);
    }

    /** The same trainer with another number of epochs. */
    public MnistCnnTrainer withEpochs(int epochs) {
        return new MnistCnnTrainer(model, epochs, batchSize, learningRate, seed);
    }

    /** The same trainer for another architecture. */
    public MnistCnnTrainer withModel(MnistModel model) {
        return new MnistCnnTrainer(model, epochs, batchSize, learningRate, seed);
    }

    /** The architecture trained. */
    public MnistModel model() {
        return model;
    }

    /** Passes over the training split. */
    public int epochs() {
        return epochs;
    }

    /** The architecture's network, initialised from its seed, with Adam as every layer's updater. */
    public MultiLayerNetwork untrainedNetwork() {
        return model.untrained(learningRate);
    }

    /** Trains a new network on {@code split.train()} and measures it on {@code split.test()}. */
    public TrainedCnn train(MnistSplit split) {
        MultiLayerNetwork net = untrainedNetwork();
        MnistDigits train = split.train();
        INDArray pixels = train.images().reshape(train.size(), MnistDigits.PIXELS);
        INDArray oneHot = oneHot(train.labels());
        Random random = new Random(seed);
        Nd4j.getRandom().setSeed(seed); // dropout masks, where the architecture has dropout
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = permutation(train.size(), random);
            for (int from = 0; from < order.length; from += batchSize) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
                INDArray x = Nd4j.pullRows(pixels, 1, rows).reshape(rows.length, 1, MnistDigits.SIDE, MnistDigits.SIDE);
                net.fit(x, Nd4j.pullRows(oneHot, 1, rows));
            }
            LOG.info("MNIST CNN ({}) epoch {}/{}: loss {} after {} s", model, epoch + 1, epochs, net.score(),
                    Math.round((System.nanoTime() - start) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainedCnn(net, accuracy(net, split.test()), seconds, epochs, false);
    }

    /**
     * The cached network if {@code modelFile} exists (its test accuracy measured again), else a newly trained one,
     * then saved there (without updater state) with its architecture, training time and epochs beside it in a
     * {@code .properties} file.
     *
     * @throws IllegalStateException if the cached network is not of this trainer's architecture (another parameter
     *                               count or layer list)
     */
    public TrainedCnn trainOrLoad(MnistSplit split, Path modelFile) {
        Path record = recordFile(modelFile);
        try {
            if (Files.isRegularFile(modelFile)) {
                MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(modelFile.toFile(), false);
                checkArchitecture(net, modelFile);
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
            p.setProperty("model", model.id());
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

    private void checkArchitecture(MultiLayerNetwork cached, Path modelFile) {
        MultiLayerNetwork expected = untrainedNetwork();
        List<String> want = layerTypes(expected);
        List<String> got = layerTypes(cached);
        if (cached.numParams() != expected.numParams() || !want.equals(got)) {
            throw new IllegalStateException("The cached network " + modelFile + " (" + cached.numParams()
                    + " parameters, layers " + got + ") is not the '" + model + "' architecture ("
                    + expected.numParams() + " parameters, layers " + want + "); delete it or pick its model");
        }
    }

    private static List<String> layerTypes(MultiLayerNetwork net) {
        return net.getLayerWiseConfigurations().getConfs().stream()
                .map(c -> c.getLayer().getClass().getSimpleName()).toList();
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
