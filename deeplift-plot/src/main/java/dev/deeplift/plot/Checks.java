package dev.deeplift.plot;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Argument checks shared by the pictures, each failing with a message that says what is wrong. */
final class Checks {
    /** Marks an example that the caller did not choose. */
    static final int UNSET = -1;

    private Checks() {
    }

    /** {@code a}, after checking that it is a non-empty numeric array of the layout's rank. */
    static INDArray array(INDArray a, int rank, String layoutShape, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        long[] shape = a.shape();
        if (shape.length != rank) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(shape) + " (rank "
                    + shape.length + ") but the layout expects " + layoutShape + " (rank " + rank + ")");
        }
        if (a.isEmpty() || Arrays.stream(shape).anyMatch(d -> d == 0)) {
            throw new IllegalArgumentException(what + " is empty: shape " + Arrays.toString(shape));
        }
        if (!a.dataType().isNumerical()) {
            throw new IllegalArgumentException(what + " has data type " + a.dataType() + "; a numeric array is "
                    + "required");
        }
        return a;
    }

    /** Checks that a chosen example exists: any index of a batch, only 0 without a batch axis. */
    static int example(INDArray a, boolean batched, int example, String what) {
        long count = batched ? a.size(0) : 1;
        if (example < 0 || example >= count) {
            throw new IllegalArgumentException("Example " + example + " is out of range: " + what
                    + (batched ? " holds " + count + " examples (0.." + (count - 1) + ")"
                            : " has no batch axis, so the only example is 0"));
        }
        return example;
    }

    /**
     * The example to draw: the chosen one, or 0 where the array holds a single one.
     *
     * @param hint how to choose an example, for the message when none was chosen among several
     */
    static int resolveExample(INDArray a, boolean batched, int chosen, String what, String hint) {
        if (chosen != UNSET) {
            return chosen;
        }
        if (batched && a.size(0) > 1) {
            throw new IllegalArgumentException(what + " holds " + a.size(0) + " examples: " + hint);
        }
        return 0;
    }

    /** Checks a count of pixels that must be at least 1. */
    static int atLeastOne(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1; got " + value);
        }
        return value;
    }

    /** Checks a positive finite number. */
    static double positiveFinite(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be positive and finite; got " + value);
        }
        return value;
    }
}
