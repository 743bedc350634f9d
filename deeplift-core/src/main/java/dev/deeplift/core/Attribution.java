package dev.deeplift.core;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The contributions of every input feature to one target per example, relative to a reference.
 *
 * <p>{@code scores()[i]} sums, per example {@code i}, to {@code deltas()[i]}: the difference between the target's
 * pre-activation at the input and at the reference (summation-to-delta). {@link #maxSummationError()} says how well
 * that held.
 */
public interface Attribution {

    /** Contributions {@code C = m · (x − x_ref)}, the input's shape, e.g. {@code [N, features]}. */
    INDArray scores();

    /** Multipliers {@code m = C / Δx}, the input's shape. */
    INDArray multipliers();

    /** {@code [N]}: {@code target(x) − target(x_ref)}, scored before the output activation. */
    INDArray deltas();

    /** Max over examples of {@code |sum(scores_i) − deltas_i|}. */
    double maxSummationError();

    /** {@code [N]}: per example {@code |sum(scores_i) − deltas_i|}. */
    INDArray summationErrors();
}
