package dev.deeplift.core.methods;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Sums per-pair arrays into per-example sums, in double precision and strictly in pair order, so that the mean does
 * not depend on how the pairs were batched (the same additions happen in the same order for any batch size).
 *
 * <p>Pairs batched example by example ({@link #add} with stride 1) are summed in a Java array, row by row. Pairs
 * batched reference by reference (stride R: one row per example) are summed off the heap with one ND4J addition per
 * batch: each example still receives its references in order, so the sums are the same bits either way.
 */
final class PairAccumulator {
    private final long[] exampleShape;
    private final int features;
    private final int perExample;
    private final double[] sums;
    private final INDArray rowSums;

    /**
     * @param shape       the input's shape {@code [N, ...]}
     * @param perExample  R
     * @param byReference true if every batch will hold one reference of consecutive examples
     */
    PairAccumulator(long[] shape, int perExample, boolean byReference) {
        this.exampleShape = shape.clone();
        long f = 1;
        for (int d = 1; d < shape.length; d++) {
            f *= shape[d];
        }
        long total = f * shape[0];
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("The input has " + total + " values, too many to average at once: "
                    + "explain it in parts");
        }
        this.features = (int) f;
        this.perExample = perExample;
        if (byReference) {
            this.sums = null;
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                this.rowSums = Nd4j.zeros(DataType.DOUBLE, shape[0], f);
            }
        } else {
            this.sums = new double[(int) total];
            this.rowSums = null;
        }
    }

    /**
     * Adds the values of pairs {@code firstPair, firstPair + stride, ...} to their examples' sums.
     *
     * @param stride 1 for consecutive pairs, R for one reference of consecutive examples
     * @param values {@code [B, ...]}, one row per pair
     */
    void add(long firstPair, long stride, INDArray values) {
        long rows = values.size(0);
        if (rowSums != null) {
            if (stride != perExample) {
                throw new IllegalStateException("Pairs batched example by example into a by-reference accumulator");
            }
            long first = firstPair / perExample;
            rowSums.get(NDArrayIndex.interval(first, first + rows), NDArrayIndex.all())
                    .addi(values.reshape(rows, features).castTo(DataType.DOUBLE));
            return;
        }
        double[] v = values.dup('c').data().asDouble();
        for (int k = 0; k < rows; k++) {
            int base = (int) ((firstPair + k * stride) / perExample) * features;
            int src = k * features;
            for (int f = 0; f < features; f++) {
                sums[base + f] += v[src + f];
            }
        }
    }

    /** The per-example means, the input's shape, in {@code dataType}. */
    INDArray mean(DataType dataType) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (rowSums != null) {
                return rowSums.div(perExample).reshape(exampleShape).castTo(dataType);
            }
            double[] mean = Arrays.copyOf(sums, sums.length);
            for (int i = 0; i < mean.length; i++) {
                mean[i] /= perExample;
            }
            return Nd4j.create(mean, exampleShape, 'c').castTo(dataType);
        }
    }
}
