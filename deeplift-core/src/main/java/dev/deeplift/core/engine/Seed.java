package dev.deeplift.core.engine;

import dev.deeplift.core.Layout;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.factory.Nd4j;

/**
 * What is explained: the multipliers placed on a node's output to start the backward pass, for a chunk of the
 * batch. A one-hot row selects one unit; {@code e_t − 1/K} selects a logit minus the mean of all logits.
 */
@FunctionalInterface
interface Seed {

    /** The seed and the unit chosen per example. */
    record Value(INDArray seed, int[] units) {
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
            return new Value(oneHot(output, chunk, meanNormalized), chunk);
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
            int unitAxis = layout.channelAxis();
            int timeAxis = layout.widthAxis();
            long k = output.size(unitAxis);
            long length = output.size(timeAxis);
            INDArray seed = Nd4j.zeros(output.dataType(), output.shape());
            int[] chunk = java.util.Arrays.copyOfRange(units, from, from + n);
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
                if (meanNormalized) {
                    INDArray step = timeAxis == 2 ? seed.get(NDArrayIndex.point(i), NDArrayIndex.all(),
                            NDArrayIndex.point(t)) : seed.get(NDArrayIndex.point(i), NDArrayIndex.point(t),
                            NDArrayIndex.all());
                    step.assign(-1.0 / k);
                }
                long[] at = timeAxis == 2 ? new long[] {i, u, t} : new long[] {i, t, u};
                seed.putScalar(at, seed.getDouble(at) + 1.0);
            }
            return new Value(seed, chunk);
        };
    }

    /** The unit with the largest activation per example (the predicted class, for logits). */
    static Seed predicted(boolean meanNormalized) {
        return (output, offset) -> {
            INDArray flat = output.reshape(output.size(0), -1);
            int[] chunk = Nd4j.argMax(flat, 1).toIntVector();
            return new Value(oneHot(output, chunk, meanNormalized), chunk);
        };
    }

    private static INDArray oneHot(INDArray output, int[] units, boolean meanNormalized) {
        long count = output.length() / output.size(0);
        INDArray seed = meanNormalized ? Nd4j.valueArrayOf(new long[] {output.size(0), count}, -1.0 / count,
                output.dataType()) : Nd4j.zeros(output.dataType(), output.size(0), count);
        for (int i = 0; i < units.length; i++) {
            if (units[i] < 0 || units[i] >= count) {
                throw new IllegalArgumentException("Target " + units[i] + " of example " + i
                        + " is out of range: the output has " + count + " units");
            }
            seed.putScalar(i, units[i], seed.getDouble(i, units[i]) + 1.0);
        }
        return seed.reshape(output.shape());
    }
}
