package dev.deeplift.core;

/**
 * How multipliers cross a nonlinearity {@code y = f(z)}.
 *
 * <pre>
 * Shrikumar, Greenside, Kundaje. Learning Important Features Through Propagating Activation
 * Differences. ICML 2017, section 3.5.
 * </pre>
 */
public enum Rule {
    /** {@code m = Δy/Δz}, falling back to {@code f'} at the midpoint where {@code |Δz|} is tiny (paper 3.5.2). */
    RESCALE,
    /**
     * Positive and negative parts of {@code Δz} get their own multipliers, each the Shapley average of the
     * two orders in which the parts can be added (paper 3.5.3).
     */
    REVEAL_CANCEL,
    /** Plain gradients: {@code m = f'(z)} at the input, and max-pooling routes to the input's arg-max. */
    GRADIENT
}
