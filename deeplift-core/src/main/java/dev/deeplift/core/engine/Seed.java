package dev.deeplift.core.engine;

import dev.deeplift.core.Layout;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What is explained: the multipliers placed on a node's output to start the backward pass, for a chunk of the
 * batch. A one-hot row selects one unit; {@code e_t − 1/K} selects a logit minus the mean of all logits.
 *
 * <p>Seeds are written from Java values into one new array (no zeros op, no per-example {@code putScalar} round
 * trips): at batch 1 every ND4J op costs more than the arithmetic.
 */
@FunctionalInterface
interface Seed {
    /** Seeds up to this many values are built in a Java array; larger ones (long sequences) unit by unit. */
    int JAVA_BUILT = 1 << 20;

    /**
     * The seed and the unit chosen per example.
     *
     * @param seed      multipliers on the output, its shape
     * @param units     the unit of each example (its index within a time step for sequence outputs)
     * @param positions for a one-hot seed, each example's position in its flattened output (its target's delta is
     *                  read there); null for mean-normalized seeds
     */
    record Value(INDArray seed, int[] units, int[] positions) {
    }

    /**
     * @param output the node's activations at the input, {@code [n, ...]}
     * @param offset the index in the whole batch of the chunk's first example
     */
    Value of(INDArray output, long offset);

    /** One given unit per example (indices into the flattened per-example output). */
    static Seed units(int[] units, boolean meanNormalized) {
        return (output, offset) -> {
            int[] chunk = java.util.Arrays.copyOfRange(units, (int) offset, (int) (offset + output.size(0)));
            long count = output.length() / output.size(0);
            for (int i = 0; i < chunk.length; i++) {
                if (chunk[i] < 0 || chunk[i] >= count) {
                    throw new IllegalArgumentException("Target " + chunk[i] + " of example " + i
                            + " is out of range: the output has " + count + " units");
                }
            }
            long[][] groups = meanNormalized ? allUnits(chunk.length, count) : null;
            return new Value(build(output, chunk, groups, meanNormalized ? -1.0 / count : 0.0), chunk,
                    meanNormalized ? null : chunk.clone());
        };
    }

    /**
     * One given unit at one given time step per example, on a sequence output {@code [n, K, T]} ({@link Layout#NCW})
     * or {@code [n, T, K]} ({@link Layout#NWC}); mean-normalized seeds subtract {@code 1/K} from the units of that
     * step only.
     */
    static Seed unitsAtSteps(int[] units, int[] steps, Layout layout, boolean meanNormalized) {
        return (output, offset) -> {
            int from = (int) offset;
            int n = (int) output.size(0);
            boolean ncw = layout.widthAxis() == 2;
            long k = output.size(layout.channelAxis());
            long length = output.size(layout.widthAxis());
            int[] chunk = java.util.Arrays.copyOfRange(units, from, from + n);
            int[] positions = new int[n];
            long[][] groups = meanNormalized ? new long[n][] : null;
            for (int i = 0; i < n; i++) {
                int u = units[from + i];
                int t = steps[from + i];
                if (u < 0 || u >= k) {
                    throw new IllegalArgumentException("Target " + u + " of example " + (from + i)
                            + " is out of range: the output has " + k + " units per step");
                }
                if (t < 0 || t >= length) {
                    throw new IllegalArgumentException("Time step " + t + " of example " + (from + i)
                            + " is out of range: the output has " + length + " steps (0.." + (length - 1) + ")");
                }
                positions[i] = (int) (ncw ? u * length + t : t * k + u);
                if (meanNormalized) {
                    groups[i] = new long[(int) k];
                    for (int j = 0; j < k; j++) {
                        groups[i][j] = ncw ? j * length + t : t * k + j;
                    }
                }
            }
            return new Value(build(output, positions, groups, meanNormalized ? -1.0 / k : 0.0), chunk,
                    meanNormalized ? null : positions);
        };
    }

    /** The unit with the largest activation per example (the predicted class, for logits). */
    static Seed predicted(boolean meanNormalized) {
        return (output, offset) -> {
            INDArray flat = output.reshape(output.size(0), -1);
            int[] chunk = Nd4j.argMax(flat, 1).toIntVector();
            long count = flat.size(1);
            long[][] groups = meanNormalized ? allUnits(chunk.length, count) : null;
            return new Value(build(output, chunk, groups, meanNormalized ? -1.0 / count : 0.0), chunk,
                    meanNormalized ? null : chunk.clone());
        };
    }

    /** Every position of every example's flattened output: the group a mean-normalized seed spreads over. */
    private static long[][] allUnits(int n, long count) {
        long[] all = new long[(int) count];
        for (int j = 0; j < count; j++) {
            all[j] = j;
        }
        long[][] groups = new long[n][];
        java.util.Arrays.fill(groups, all);
        return groups;
    }

    /**
     * A seed of the output's shape and type: {@code base} (−1/K, rounded to the type) at each example's group
     * positions (none without normalization), plus 1 at its position, rounded again, as a sum in the type would be.
     */
    private static INDArray build(INDArray output, int[] positions, long[][] groups, double base) {
        int n = positions.length;
        long count = output.length() / output.size(0);
        boolean single = output.dataType() == DataType.FLOAT;
        double typedBase = single ? (float) base : base;
        if ((long) n * count > JAVA_BUILT) {
            INDArray seed = Nd4j.zeros(output.dataType(), n, count);
            for (int i = 0; i < n; i++) {
                if (groups != null) {
                    for (long p : groups[i]) {
                        seed.putScalar(i, p, typedBase);
                    }
                }
                seed.putScalar(i, positions[i], seed.getDouble(i, positions[i]) + 1.0);
            }
            return seed.reshape(output.shape());
        }
        double[] values = new double[(int) (n * count)];
        for (int i = 0; i < n; i++) {
            if (groups != null) {
                for (long p : groups[i]) {
                    values[(int) (i * count + p)] = typedBase;
                }
            }
            int at = (int) (i * count + positions[i]);
            values[at] = single ? (float) (values[at] + 1.0) : values[at] + 1.0;
        }
        if (single) {
            float[] f = new float[values.length];
            for (int j = 0; j < f.length; j++) {
                f[j] = (float) values[j];
            }
            return Nd4j.create(f, output.shape(), 'c');
        }
        INDArray d = Nd4j.create(values, output.shape(), 'c');
        return d.dataType() == output.dataType() ? d : d.castTo(output.dataType());
    }
}
