package dev.deeplift.core.engine;

import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.TokenSpec;
import dev.deeplift.core.kernels.FiniteCheck;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The one validator of user input, used by every method before any work: inputs, references, background samples,
 * targets and masks. Each check fails with an {@link IllegalArgumentException} that says what is wrong and where
 * (which array, which example). Floating-point arrays of another type than the model's are cast to it.
 */
public final class Validator {
    private Validator() {
    }

    /**
     * A batch {@code [M, ...]} of at least one floating-point row, without NaN or infinity.
     *
     * @param what   the array's name in messages, e.g. {@code "input"}
     * @param rowNoun what a row is called in messages, e.g. {@code "example"} or {@code "sample"}
     */
    public static void batch(INDArray a, String what, String rowNoun) {
        shapeOfBatch(a, what);
        finite(a, what, rowNoun);
    }

    /** A floating-point batch {@code [M, ...]} with {@code M ≥ 1}; values are not looked at. */
    public static void shapeOfBatch(INDArray a, String what) {
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
        floatingPoint(a, what);
    }

    /** The input, cast to {@code dataType}, after checking its shape against the model's input, type and values. */
    public static INDArray input(INDArray x, InputNode spec, DataType dataType, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (!spec.accepts(x.shape())) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(x.shape())
                    + " but the network expects " + spec.describeShape());
        }
        shapeOfBatch(x, what);
        INDArray cast = castTo(x, dataType);
        finite(cast, what, "example");
        return cast;
    }

    /**
     * A reference for an (already checked) input: the input's shape, or a leading dimension of 1 for one reference
     * shared by every example; cast to {@code dataType}.
     */
    public static INDArray reference(INDArray ref, INDArray x, DataType dataType, String what) {
        if (ref == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        long[] rs = ref.shape();
        long[] xs = x.shape();
        if (!sameFeatureShape(rs, xs) || (rs[0] != xs[0] && rs[0] != 1)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(rs)
                    + " but must have the input's shape " + Arrays.toString(xs)
                    + " or a leading dimension of 1 (one reference for every example)");
        }
        floatingPoint(ref, what);
        INDArray cast = castTo(ref, dataType);
        finite(cast, what, rs[0] == 1 && xs[0] != 1 ? "shared row" : "example");
        return cast;
    }

    /**
     * Token indices for an embedding layer, cast to {@code dataType}: a floating-point array (DL4J's convention) of
     * a shape the input takes, every value a whole number in {@code [0, vocabulary)}. Non-integral values are
     * refused rather than truncated as DL4J does: a fractional index is almost always a mistake (normalised
     * features, or a point between tokens that interpolating methods make).
     */
    public static INDArray tokens(INDArray x, TokenSpec spec, DataType dataType, String what) {
        if (x == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (!spec.accepts(x.shape())) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(x.shape())
                    + " but the network expects " + spec.describeShape());
        }
        shapeOfBatch(x, what);
        INDArray cast = castTo(x, dataType);
        checkTokenValues(x, spec, what);
        return cast;
    }

    /**
     * A reference for (already checked) token inputs, cast to {@code dataType}: reference tokens of the input's shape
     * (or a leading dimension of 1), checked as {@link #tokens} checks the input, or reference vectors in the
     * graph-level form {@link TokenSpec#encodedVectors} {@code [N or 1, 1, ...]}, finite.
     */
    public static INDArray tokenReference(INDArray ref, INDArray x, TokenSpec spec, DataType dataType, String what) {
        if (ref == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (!spec.isEncodedVectors(ref)) {
            INDArray cast = reference(ref, x, dataType, what);
            checkTokenValues(ref, spec, what);
            return cast;
        }
        if (spec.width() < 0) {
            throw new IllegalArgumentException(what + " is given in embedding space, but embedding layers of "
                    + "different sizes read this input: give reference tokens");
        }
        long[] expected = spec.vectorShape(x.size(0), spec.steps(x));
        INDArray vectors = TokenSpec.decodedVectors(ref);
        long[] got = vectors.shape();
        expected[0] = got[0] == 1 ? 1 : expected[0];
        if (!Arrays.equals(got, expected)) {
            throw new IllegalArgumentException(what + " in embedding space has shape " + Arrays.toString(got)
                    + " but must be " + Arrays.toString(spec.vectorShape(x.size(0), spec.steps(x)))
                    + " (the embedding layer's output layout) or have a leading dimension of 1");
        }
        floatingPoint(ref, what);
        INDArray cast = castTo(ref, dataType);
        finite(cast, what, got[0] == 1 && x.size(0) != 1 ? "shared row" : "example");
        return cast;
    }

    private static void checkTokenValues(INDArray tokens, TokenSpec spec, String what) {
        double[] v = tokens.dup('c').data().asDouble();
        long perRow = v.length / tokens.size(0);
        for (int i = 0; i < v.length; i++) {
            double t = v[i];
            boolean integral = t == Math.rint(t);
            if (integral && t >= 0 && t < spec.vocabulary()) {
                continue;
            }
            String at = " at example " + i / perRow + (spec.sequence() ? ", step " + i % perRow : "");
            if (Double.isNaN(t) || Double.isInfinite(t)) {
                throw new IllegalArgumentException(what + " has " + t + at + ": token indices must be whole numbers");
            }
            if (!integral) {
                throw new IllegalArgumentException(what + " has " + t + at + ": token indices must be whole numbers "
                        + "(DL4J would truncate it to " + (long) t + "); methods that interpolate between input and "
                        + "reference, such as integrated gradients, do not apply to token inputs");
            }
            throw new IllegalArgumentException(what + " has token " + (long) t + at + ", outside the vocabulary of "
                    + spec.vocabulary() + " tokens (0.." + (spec.vocabulary() - 1) + ")");
        }
    }

    /** Checks that {@code a} has the input's feature shape (every dimension but the first). */
    public static void sameFeatures(INDArray a, INDArray input, String what) {
        if (!sameFeatureShape(a.shape(), input.shape())) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(a.shape())
                    + " but the input " + Arrays.toString(input.shape()) + " needs the feature shape "
                    + Arrays.toString(Arrays.copyOfRange(input.shape(), 1, input.rank())));
        }
    }

    /**
     * One target per example, each a valid unit.
     *
     * @param units the number of output units, or a negative number if unknown (then only {@code ≥ 0} is checked)
     */
    public static int[] targets(int[] targets, long examples, long units) {
        if (targets == null) {
            throw new IllegalArgumentException("targets is null");
        }
        if (targets.length != examples) {
            throw new IllegalArgumentException("Got " + targets.length + " targets for " + examples
                    + " examples: give one target per example");
        }
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] < 0 || (units >= 0 && targets[i] >= units)) {
                throw new IllegalArgumentException("Target " + targets[i] + " of example " + i + " is out of range: "
                        + (units >= 0 ? "the output has " + units + " units (0.." + (units - 1) + ")"
                        : "targets are non-negative unit indices"));
            }
        }
        return targets.clone();
    }

    /**
     * A feature mask {@code [N, T]} for an input with {@code N} examples and {@code T} time steps: every value 0 or
     * 1, every example with at least one step, cast to {@code dataType}.
     *
     * @param steps the number of time steps, or -1 if any
     */
    public static INDArray mask(INDArray mask, long examples, long steps, DataType dataType, String what) {
        if (mask == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (mask.rank() != 2 || mask.size(0) != examples || (steps >= 0 && mask.size(1) != steps)) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(mask.shape())
                    + " but must be [N, T] = [" + examples + ", " + (steps >= 0 ? steps : "T")
                    + "] (1 for real steps, 0 for padding)");
        }
        steps = mask.size(1);
        INDArray cast = castTo(mask, dataType);
        double[] values = cast.dup('c').data().asDouble();
        for (int i = 0; i < values.length; i++) {
            if (values[i] != 0.0 && values[i] != 1.0) {
                throw new IllegalArgumentException(what + " has " + values[i] + " at example " + i / steps
                        + ", step " + i % steps + ": only 0 (padding) and 1 (a real step) are allowed");
            }
        }
        for (int e = 0; e < examples; e++) {
            boolean any = false;
            for (int t = 0; t < steps && !any; t++) {
                any = values[(int) (e * steps + t)] != 0.0;
            }
            if (!any) {
                throw new IllegalArgumentException(what + " masks every step of example " + e
                        + ": an example needs at least one real step");
            }
        }
        return cast;
    }

    /** Checks the bounds of a request for references {@code [from, to)} of one example. */
    public static void referenceRange(long examples, int perExample, long example, int from, int to) {
        if (example < 0 || example >= examples) {
            throw new IndexOutOfBoundsException("Example " + example + " is out of range: the input has "
                    + examples + " examples");
        }
        if (from < 0 || to > perExample || from >= to) {
            throw new IndexOutOfBoundsException("References [" + from + ", " + to + ") are out of range: each "
                    + "example has " + perExample + " (0.." + (perExample - 1) + ")");
        }
    }

    /** A positive count, e.g. a batch size, named in the message. */
    public static int positive(int value, String what) {
        if (value < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + value);
        }
        return value;
    }

    /**
     * No NaN or infinite value; the message names the first bad row (if there are several).
     *
     * @param rowNoun what a row is called, e.g. {@code "example"}, {@code "sample"}
     */
    public static void finite(INDArray a, String what, String rowNoun) {
        // One pass in the common case (over the buffer where it can be read in place, else ND4J's counting
        // reduction); the rows are searched only when something is not finite.
        Boolean finite = FiniteCheck.allFinite(a);
        if (finite != null ? finite : a.scan(Conditions.notFinite()).longValue() == 0) {
            return;
        }
        // 0·v is 0 for finite v and NaN for NaN or ±Inf, so the row sums flag bad rows without overflow.
        INDArray flags = a.reshape(a.size(0), -1).mul(0.0).sum(1);
        if (Double.isNaN(flags.sumNumber().doubleValue())) {
            for (long i = 0; i < flags.length(); i++) {
                if (Double.isNaN(flags.getDouble(i))) {
                    throw new IllegalArgumentException(what + " has a NaN or infinite value"
                            + (flags.length() == 1 ? "" : " in " + rowNoun + " " + i));
                }
            }
        }
    }

    /** A floating-point array. */
    public static void floatingPoint(INDArray a, String what) {
        if (!a.dataType().isFPType()) {
            throw new IllegalArgumentException(what + " has data type " + a.dataType()
                    + "; a floating-point array is required");
        }
    }

    /** {@code a} in {@code dataType} (itself if it already is). */
    public static INDArray castTo(INDArray a, DataType dataType) {
        return a.dataType() == dataType ? a : a.castTo(dataType);
    }

    private static boolean sameFeatureShape(long[] a, long[] b) {
        return a.length == b.length && Arrays.equals(Arrays.copyOfRange(a, 1, a.length),
                Arrays.copyOfRange(b, 1, b.length));
    }
}
