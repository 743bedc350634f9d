package dev.deeplift.core.methods;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sums per-pair arrays into per-example sums, in double precision and strictly in pair order, so that the mean does
 * not depend on how the pairs were batched (the same additions happen in the same order for any batch size).
 */
final class PairAccumulator {
    private final long[] exampleShape;
    private final int features;
    private final int perExample;
    private final double[] sums;

    /**
     * @param shape      the input's shape {@code [N, ...]}
     * @param perExample R
     */
    PairAccumulator(long[] shape, int perExample) {
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
        this.sums = new double[(int) total];
    }

    /**
     * Adds the values of pairs {@code firstPair, firstPair + stride, ...} to their examples' sums.
     *
     * @param stride 1 for consecutive pairs, R for one reference of consecutive examples
     * @param values {@code [B, ...]}, one row per pair
     */
    void add(long firstPair, long stride, INDArray values) {
        double[] v = values.dup('c').data().asDouble();
        int rows = v.length / features;
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
        double[] mean = Arrays.copyOf(sums, sums.length);
        for (int i = 0; i < mean.length; i++) {
            mean[i] /= perExample;
        }
        return Nd4j.create(mean, exampleShape, 'c').castTo(dataType);
    }
}
