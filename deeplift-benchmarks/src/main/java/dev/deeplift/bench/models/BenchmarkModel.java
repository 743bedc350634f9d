package dev.deeplift.bench.models;

import java.util.Random;
import java.util.function.Supplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A benchmark model with its synthetic data, the value of a benchmark's {@code model} parameter: inputs like the
 * model's real ones (pixels in [0, 1), or one-hot DNA) and random labels, all FLOAT and drawn from a given seed.
 */
public enum BenchmarkModel {
    /** {@link BenchmarkModels#mlp()}: pixels {@code [N, 784]}, 10 classes. */
    MLP(BenchmarkModels::mlp, new long[] {784}, 10, false),
    /** {@link BenchmarkModels#cnn()}: images {@code [N, 1, 28, 28]}, 10 classes. */
    CNN(BenchmarkModels::cnn, new long[] {1, 28, 28}, 10, false),
    /** {@link BenchmarkModels#conv1d()}: one-hot DNA {@code [N, 4, 1000]}, 3 independent sigmoid tasks. */
    CONV1D(BenchmarkModels::conv1d, new long[] {4, 1000}, 3, true);

    private final Supplier<MultiLayerNetwork> network;
    private final long[] exampleShape;
    private final int outputs;
    /** One-hot DNA inputs and independent sigmoid tasks, rather than pixels and one class. */
    private final boolean genomics;

    BenchmarkModel(Supplier<MultiLayerNetwork> network, long[] exampleShape, int outputs, boolean genomics) {
        this.network = network;
        this.exampleShape = exampleShape;
        this.outputs = outputs;
        this.genomics = genomics;
    }

    /** A new network with the model's fixed random weights. */
    public MultiLayerNetwork network() {
        return network.get();
    }

    /** Number of output units (targets). */
    public int outputs() {
        return outputs;
    }

    /** The shape of a batch of {@code n} inputs, {@code [n, ...]}. */
    public long[] inputShape(int n) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return shape;
    }

    /** {@code n} inputs: uniform pixels in [0, 1), or one-hot DNA with a uniform random base at each position. */
    public INDArray inputs(int n, long seed) {
        if (!genomics) {
            Nd4j.getRandom().setSeed(seed);
            return Nd4j.rand(DataType.FLOAT, inputShape(n));
        }
        Random random = new Random(seed);
        long length = exampleShape[1];
        float[] values = new float[(int) (n * 4 * length)];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < length; t++) {
                values[(int) ((i * 4L + random.nextInt(4)) * length + t)] = 1f;
            }
        }
        return Nd4j.create(values, inputShape(n), 'c');
    }

    /** An all-zero reference shared by every example, {@code [1, ...]}. */
    public INDArray zeroReference() {
        return Nd4j.zeros(DataType.FLOAT, inputShape(1));
    }

    /** {@code [n, outputs]} labels: one-hot classes, or independent 0/1 tasks for the sigmoid model. */
    public INDArray labels(int n, long seed) {
        Random random = new Random(seed);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, outputs);
        for (int i = 0; i < n; i++) {
            if (genomics) {
                for (int t = 0; t < outputs; t++) {
                    labels.putScalar(i, t, random.nextBoolean() ? 1 : 0);
                }
            } else {
                labels.putScalar(i, random.nextInt(outputs), 1);
            }
        }
        return labels;
    }

    /** One target per example, cycling through the outputs so every unit is explained. */
    public int[] targets(int n) {
        int[] targets = new int[n];
        for (int i = 0; i < n; i++) {
            targets[i] = i % outputs;
        }
        return targets;
    }
}
