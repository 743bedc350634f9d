package dev.deeplift.plot;

import java.util.Arrays;

/**
 * The order of the axes of a one-hot DNA array: a length axis ({@code L}) and a channel axis of size 4 in the
 * order A, C, G, T, with or without a batch axis ({@code N}) first.
 *
 * <pre>{@code
 * SequenceLogo.of(scores, SequenceLayout.NCL);      // [N, 4, L], as DL4J's 1D convolutions take it
 * SequenceLayout.detect(new long[] {200, 4});       // LC
 * }</pre>
 */
public enum SequenceLayout {
    /** {@code [L, 4]}: one sequence, a row per position. */
    LC("[L, 4]", 0, 1),
    /** {@code [4, L]}: one sequence, a row per base. */
    CL("[4, L]", 1, 0),
    /** {@code [N, L, 4]}: a batch, a row per position. */
    NLC("[N, L, 4]", 1, 2),
    /** {@code [N, 4, L]}: a batch, channels first (DL4J's default for 1D convolutions). */
    NCL("[N, 4, L]", 2, 1);

    /** A, C, G, T. */
    static final int CHANNELS = 4;

    private final String shape;
    private final int lengthAxis;
    private final int channelAxis;

    SequenceLayout(String shape, int lengthAxis, int channelAxis) {
        this.shape = shape;
        this.lengthAxis = lengthAxis;
        this.channelAxis = channelAxis;
    }

    /**
     * The layout of a shape of rank 2 or 3 from which of its last two axes has size 4.
     *
     * @throws IllegalArgumentException if the rank is not 2 or 3, no axis has size 4, or both have (then pass a
     *                                  layout explicitly)
     */
    public static SequenceLayout detect(long[] shape) {
        if (shape == null || (shape.length != 2 && shape.length != 3)) {
            throw new IllegalArgumentException("Sequence scores must have shape [L, 4], [4, L], [N, L, 4] or "
                    + "[N, 4, L]; got " + (shape == null ? "null" : Arrays.toString(shape)));
        }
        boolean batch = shape.length == 3;
        long first = shape[shape.length - 2];
        long second = shape[shape.length - 1];
        if (first == CHANNELS && second == CHANNELS) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " is ambiguous (is the length "
                    + "axis first or second?): pass a SequenceLayout, e.g. " + (batch ? "NLC or NCL" : "LC or CL"));
        }
        if (second == CHANNELS) {
            return batch ? NLC : LC;
        }
        if (first == CHANNELS) {
            return batch ? NCL : CL;
        }
        throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " has no axis of size 4 for the "
                + "bases A, C, G, T: expected [L, 4], [4, L], [N, L, 4] or [N, 4, L]");
    }

    /** The shape this layout expects, e.g. {@code "[N, 4, L]"}. */
    public String describe() {
        return shape;
    }

    /** The number of axes. */
    public int rank() {
        return hasBatch() ? 3 : 2;
    }

    /** True if the first axis counts examples. */
    public boolean hasBatch() {
        return this == NLC || this == NCL;
    }

    /** The length axis of one example (batch axis removed). */
    int exampleLengthAxis() {
        return hasBatch() ? lengthAxis - 1 : lengthAxis;
    }

    /** The channel axis of one example (batch axis removed). */
    int exampleChannelAxis() {
        return hasBatch() ? channelAxis - 1 : channelAxis;
    }
}
