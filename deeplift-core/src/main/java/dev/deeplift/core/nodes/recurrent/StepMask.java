package dev.deeplift.core.nodes.recurrent;

/**
 * Which steps a recurrent node treats as padding. Where a mask applies, DL4J resets rather than skips: after step
 * {@code t} the outputs {@code h(t)} (and an LSTM's cell state {@code c(t)}) are multiplied by {@code mask(t)}, so a
 * padded step outputs 0 and the next step starts from a zero state.
 *
 * @param kind         where the mask comes from
 * @param maskingValue for {@link Kind#DERIVED}: a step is padding where every feature equals it exactly
 */
public record StepMask(Kind kind, double maskingValue) {

    /** Where the mask comes from. */
    public enum Kind {
        /** No masking: padded steps are computed like real ones (DL4J's plain LSTM and GravesLSTM). */
        NONE,
        /** The feature mask {@code [N, T]}, the node's second input, the same at the input and the reference. */
        GIVEN,
        /**
         * Derived from the node's own input, as DL4J's {@code MaskZeroLayer} does: each side (input, reference)
         * gets the mask of its own values.
         */
        DERIVED
    }

    /** No masking. */
    public static StepMask none() {
        return new StepMask(Kind.NONE, 0.0);
    }

    /** The feature mask, read from the node's second input. */
    public static StepMask given() {
        return new StepMask(Kind.GIVEN, 0.0);
    }

    /** A mask derived from the input: padding where every feature of a step equals {@code maskingValue}. */
    public static StepMask derived(double maskingValue) {
        return new StepMask(Kind.DERIVED, maskingValue);
    }
}
