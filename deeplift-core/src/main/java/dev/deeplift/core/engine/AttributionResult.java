package dev.deeplift.core.engine;

import dev.deeplift.core.Attribution;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The immutable result of explaining one input array: scores, multipliers, deltas and the summation-to-delta
 * error of every example, with a description of how it was computed.
 */
public final class AttributionResult implements Attribution {
    private final INDArray scores;
    private final INDArray multipliers;
    private final INDArray deltas;
    private final INDArray summationErrors;
    private final int[] targets;
    private final String method;

    /**
     * @param multipliers {@code m}, the input's shape
     * @param inputDelta  {@code x − x_ref}, the input's shape
     * @param deltas      {@code [N]} target deltas
     * @param targets     the target unit per example
     * @param method      how it was computed, e.g. the rule policy
     */
    public static AttributionResult of(INDArray multipliers, INDArray inputDelta, INDArray deltas, int[] targets,
                                       String method) {
        INDArray scores = multipliers.mul(inputDelta);
        INDArray errors = SummationCheck.errors(List.of(scores), deltas);
        return new AttributionResult(scores, multipliers, deltas.reshape(deltas.length()), errors, targets, method);
    }

    /** A result whose scores and summation errors are already known. */
    public static AttributionResult of(INDArray multipliers, INDArray scores, INDArray deltas,
                                       INDArray summationErrors, int[] targets, String method) {
        return new AttributionResult(scores, multipliers, deltas.reshape(deltas.length()), summationErrors, targets,
                method);
    }

    private AttributionResult(INDArray scores, INDArray multipliers, INDArray deltas, INDArray summationErrors,
                              int[] targets, String method) {
        this.scores = scores;
        this.multipliers = multipliers;
        this.deltas = deltas;
        this.summationErrors = summationErrors;
        this.targets = targets.clone();
        this.method = method;
    }

    @Override
    public INDArray scores() {
        return scores;
    }

    @Override
    public INDArray multipliers() {
        return multipliers;
    }

    @Override
    public INDArray deltas() {
        return deltas;
    }

    @Override
    public INDArray summationErrors() {
        return summationErrors;
    }

    @Override
    public double maxSummationError() {
        return summationErrors.length() == 0 ? 0.0 : summationErrors.maxNumber().doubleValue();
    }

    /** The target unit of each example. */
    public int[] targets() {
        return targets.clone();
    }

    /** How the result was computed (rule policy, max-pool mode). */
    public String method() {
        return method;
    }

    @Override
    public String toString() {
        return "Attribution{" + method + ", examples=" + deltas.length() + ", scores=" + scores.shapeInfoToString()
                .replaceAll(",\\s*Stride.*", "") + ", maxSummationError=" + maxSummationError() + "}";
    }
}
