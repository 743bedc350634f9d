package dev.deeplift.core.reference;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Checks and slicing shared by the references, each failing with a message that says what is wrong. */
final class ShapeChecks {
    private ShapeChecks() {
    }

    /** Checks that {@code a} is a floating-point batch {@code [M, ...]} with {@code M ≥ 1}. */
    static void batch(INDArray a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (a.rank() < 2) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(a.shape())
                    + "; a batch [N, ...] of rank 2 or more is required");
        }
        if (a.size(0) == 0) {
            throw new IllegalArgumentException(what + " is an empty batch");
        }
        if (!a.dataType().isFPType()) {
            throw new IllegalArgumentException(what + " has data type " + a.dataType()
                    + "; a floating-point array is required");
        }
    }

    /** Checks that {@code a} has the input's feature shape (every dimension but the first). */
    static void sameFeatures(INDArray a, INDArray input, String what) {
        long[] as = a.shape();
        long[] xs = input.shape();
        if (as.length != xs.length
                || !Arrays.equals(Arrays.copyOfRange(as, 1, as.length), Arrays.copyOfRange(xs, 1, xs.length))) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(as)
                    + " but the input " + Arrays.toString(xs) + " needs the feature shape "
                    + Arrays.toString(Arrays.copyOfRange(xs, 1, xs.length)));
        }
    }

    /** {@code a} in the input's data type (itself if it already is). */
    static INDArray castLike(INDArray a, INDArray input) {
        return a.dataType() == input.dataType() ? a : a.castTo(input.dataType());
    }

    /** Checks the arguments of {@link ReferenceSet#get}. */
    static void range(ReferenceSet set, long example, int from, int to) {
        if (example < 0 || example >= set.examples()) {
            throw new IndexOutOfBoundsException("Example " + example + " is out of range: the input has "
                    + set.examples() + " examples");
        }
        if (from < 0 || to > set.perExample() || from >= to) {
            throw new IndexOutOfBoundsException("References [" + from + ", " + to + ") are out of range: each "
                    + "example has " + set.perExample() + " (0.." + (set.perExample() - 1) + ")");
        }
    }
}
