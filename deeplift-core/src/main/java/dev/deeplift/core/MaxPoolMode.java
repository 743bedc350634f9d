package dev.deeplift.core;

/** How multipliers cross a max-pooling window. */
public enum MaxPoolMode {
    /**
     * With {@code M = max(y, y_ref)} per output cell, {@code M − y_ref} is credited to the input's arg-max and
     * {@code y − M} to the reference's arg-max, each divided by that position's {@code Δx}. Sums to delta exactly,
     * also when the reference varies inside a window.
     */
    CROSS_MAX,
    /** The multiplier goes to the input's arg-max only, as in the original DeepLIFT library. */
    GRADIENT
}
