package dev.deeplift.core.engine;

import org.nd4j.linalg.api.ndarray.INDArray;
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
