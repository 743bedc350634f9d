package dev.deeplift.bench.models;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The requests one client of a service sends: a fixed set of single examples ({@code [1, ...]} inputs with their
 * labels) drawn from one seed, handed out one at a time, round-robin.
 *
 * <p>Each row is a detached copy, so a call pays for no view or slice of a larger batch. Not thread-safe: each
 * client thread holds its own instance (its own seed, so threads explain different examples).
 */
public final class SingleExamples {
    private final INDArray[] inputs;
    private final INDArray[] labels;
    private int current = -1;

    private SingleExamples(INDArray[] inputs, INDArray[] labels) {
        this.inputs = inputs;
        this.labels = labels;
    }

    /** {@code count} examples of the model's synthetic data, inputs and labels drawn from {@code seed}. */
    public static SingleExamples draw(BenchmarkModel model, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("count must be positive: " + count);
        }
        INDArray batch;
        // Nd4j's random generator is seeded, then drawn from: keep concurrent client set-ups from interleaving.
        synchronized (SingleExamples.class) {
            batch = model.inputs(count, seed);
        }
        return new SingleExamples(rows(batch), rows(model.labels(count, seed)));
    }

    private static INDArray[] rows(INDArray batch) {
        INDArray[] rows = new INDArray[(int) batch.size(0)];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = batch.get(NDArrayIndex.interval(i, i + 1)).dup('c');
        }
        return rows;
    }

    /** Number of distinct examples before the cycle repeats. */
    public int size() {
        return inputs.length;
    }

    /** Moves to the next example (after the last, back to the first) and returns this. */
    public SingleExamples advance() {
        current = (current + 1) % inputs.length;
        return this;
    }

    /** The current example's input, {@code [1, ...]}. */
    public INDArray input() {
        return inputs[requireCurrent()];
    }

    /** The current example's label, {@code [1, outputs]}. */
    public INDArray label() {
        return labels[requireCurrent()];
    }

    private int requireCurrent() {
        if (current < 0) {
            throw new IllegalStateException("call advance() before reading an example");
        }
        return current;
    }
}
