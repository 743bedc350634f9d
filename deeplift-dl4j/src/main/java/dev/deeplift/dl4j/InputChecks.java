package dev.deeplift.dl4j;

import dev.deeplift.core.graph.InputNode;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Checks of user input made before any work, each failing with a message that says what is wrong and where.
 * Floating-point inputs of another type than the network's are cast to the network's type.
 */
final class InputChecks {
    private InputChecks() {
    }

    /** The input, cast to {@code dataType}, after checking shape, type and finiteness. */
    static INDArray input(INDArray x, InputNode spec, DataType dataType, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (!spec.accepts(x.shape())) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(x.shape())
                    + " but the network expects " + spec.describeShape());
        }
        if (x.size(0) == 0) {
            throw new IllegalArgumentException(what + " is an empty batch");
        }
        INDArray cast = castTo(x, dataType, what);
        checkFinite(cast, what);
        return cast;
    }

    /** The reference, checked against the (already checked) input: the same shape, or a leading dimension of 1. */
    static INDArray reference(INDArray ref, INDArray x, DataType dataType, String what) {
        if (ref == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        long[] rs = ref.shape();
        long[] xs = x.shape();
        boolean sameFeatures = rs.length == xs.length
                && Arrays.equals(Arrays.copyOfRange(rs, 1, rs.length), Arrays.copyOfRange(xs, 1, xs.length));
        if (!sameFeatures || (rs[0] != xs[0] && rs[0] != 1)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(rs)
                    + " but must have the input's shape " + Arrays.toString(xs)
                    + " or a leading dimension of 1 (one reference for every example)");
        }
        INDArray cast = castTo(ref, dataType, what);
        checkFinite(cast, what);
        return cast;
    }

    /** Checks one target per example, each a valid unit. */
    static int[] targets(int[] targets, long batch, long units) {
        if (targets == null) {
            throw new IllegalArgumentException("targets is null");
        }
        if (targets.length != batch) {
            throw new IllegalArgumentException("Got " + targets.length + " targets for " + batch
                    + " examples: give one target per example");
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || (units >= 0 && targets[i] >= units)) {
                throw new IllegalArgumentException("Target " + targets[i] + " of example " + i
                        + " is out of range: the output has " + units + " units (0.." + (units - 1) + ")");
            }
        }
        return targets.clone();
    }

    private static INDArray castTo(INDArray x, DataType dataType, String what) {
        if (!x.dataType().isFPType()) {
            throw new IllegalArgumentException(what + " has data type " + x.dataType()
                    + "; a floating-point array is required");
        }
        return x.dataType() == dataType ? x : x.castTo(dataType);
    }

    private static void checkFinite(INDArray x, String what) {
        // 0·v is 0 for finite v and NaN for NaN or ±Inf, so the row sums flag bad examples without overflow.
        INDArray flags = x.reshape(x.size(0), -1).mul(0.0).sum(1);
        if (Double.isNaN(flags.sumNumber().doubleValue())) {
            for (long i = 0; i < flags.length(); i++) {
                if (Double.isNaN(flags.getDouble(i))) {
                    throw new IllegalArgumentException(what + " has a NaN or infinite value in example " + i);
                }
            }
        }
    }
}
