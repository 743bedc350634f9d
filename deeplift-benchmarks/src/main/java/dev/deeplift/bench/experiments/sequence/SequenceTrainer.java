package dev.deeplift.bench.experiments.sequence;

import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link SequenceModel} on {@link MotifPairData} with Adam, on the CPU: mini-batches drawn from a seeded
 * shuffle each epoch, the network initialised from the same seed, so one seed gives one network.
 *
 * <pre>{@code
 * TrainedSequenceModel m = SequenceTrainer.defaults().train(SequenceModel.LSTM, train, test);
 * }</pre>
 *
 * @param units        recurrent units in all
 * @param epochs       passes over the training set, or 0 for the model's {@link SequenceModel#defaultEpochs()}
 * @param batchSize    sequences per update
 * @param learningRate Adam's learning rate
 * @param seed         the seed of the initialisation and of the shuffles
 */
public record SequenceTrainer(int units, int epochs, int batchSize, double learningRate, long seed) {
    private static final Logger LOG = LoggerFactory.getLogger(SequenceTrainer.class);

    /** Checks the settings. */
    public SequenceTrainer {
        if (units < 2 || epochs < 0 || batchSize < 1 || !(learningRate > 0)) {
            throw new IllegalArgumentException("units >= 2, epochs >= 0, batchSize >= 1 and a positive learning "
                    + "rate are needed; got " + units + ", " + epochs + ", " + batchSize + ", " + learningRate);
        }
    }

    /** 32 units, each model's default epochs of batches of 32, Adam at 0.01, seed 20170410. */
    public static SequenceTrainer defaults() {
        return new SequenceTrainer(32, 0, 32, 1e-2, 20170410L);
    }

    /** The same trainer with another number of epochs. */
    public SequenceTrainer withEpochs(int epochs) {
        return new SequenceTrainer(units, epochs, batchSize, learningRate, seed);
    }

    /** Trains a new network of {@code model} on {@code train} and measures it on {@code test}. */
    public TrainedSequenceModel train(SequenceModel model, MotifPairData train, MotifPairData test) {
        Objects.requireNonNull(model, "model");
        MultiLayerNetwork net = model.untrained(units, learningRate, seed);
        int epochs = this.epochs > 0 ? this.epochs : model.defaultEpochs();
        long[] shape = train.oneHot().shape();
        INDArray x = train.oneHot().reshape(shape[0], shape[1] * shape[2]);
        INDArray y = train.labelColumn();
        Random random = new Random(seed);
        long start = System.nanoTime();
        for (int epoch = 0; epoch < epochs; epoch++) {
            int[] order = permutation(train.size(), random);
            for (int from = 0; from < order.length; from += batchSize) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(order.length, from + batchSize));
                net.fit(Nd4j.pullRows(x, 1, rows).reshape(rows.length, shape[1], shape[2]),
                        Nd4j.pullRows(y, 1, rows));
            }
            LOG.info("{} epoch {}/{}: loss {}, test accuracy {} after {} s", model.label(), epoch + 1, epochs,
                    net.score(), accuracy(net, test), Math.round((System.nanoTime() - start) / 1e9));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new TrainedSequenceModel(model, net, accuracy(net, test), seconds, epochs);
    }

    /** Share of the sequences whose output is above 0.5 exactly when they are positive. */
    public static double accuracy(MultiLayerNetwork net, MotifPairData data) {
        int[] labels = data.labels();
        int correct = 0;
        for (int from = 0; from < data.size(); from += 500) {
            int to = Math.min(data.size(), from + 500);
            INDArray p = net.output(data.oneHot().get(NDArrayIndex.interval(from, to)), false);
            for (int i = from; i < to; i++) {
                if ((p.getDouble(i - from, 0) > 0.5) == (labels[i] == 1)) {
                    correct++;
                }
            }
        }
        return correct / (double) data.size();
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
