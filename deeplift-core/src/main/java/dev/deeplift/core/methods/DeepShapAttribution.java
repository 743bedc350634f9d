package dev.deeplift.core.methods;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.engine.SummationCheck;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of {@link DeepShap}: an explainer's attributions averaged over the R references of each example, with
 * the summation-to-delta check of every (example, reference) pair, made on the raw scores before averaging.
 *
 * <pre>{@code
 * DeepShapAttribution a = DeepShap.of(deepLift).explain(x, Reference.background(samples), 3);
 * INDArray scores = a.scores();                 // x's shape: mean over the pairs of each example
 * double worst = a.maxPairSummationError();     // how well each pair summed to its own delta
 * }</pre>
 *
 * <p>Every mean is over the pairs of one example: {@code scores} and {@code multipliers} are the means of the pairs'
 * scores and multipliers (so {@code scores} is in general not {@code multipliers · (x − mean reference)}),
 * {@code deltas} the means of the pairs' deltas, and {@link #summationErrors()} the per-example
 * {@code |Σ scores − delta|} of those means. Arrays have the explainer's data type.
 */
public final class DeepShapAttribution implements Attribution {
    private final INDArray scores;
    private final INDArray multipliers;
    private final INDArray deltas;
    private final INDArray summationErrors;
    private final INDArray pairDeltas;
    private final INDArray pairSummationErrors;
    private final INDArray averagedQuantity;
    private final int[] targets;
    private final String method;

    private DeepShapAttribution(INDArray scores, INDArray multipliers, INDArray deltas, INDArray pairDeltas,
                                INDArray pairSummationErrors, INDArray averagedQuantity, int[] targets, String method) {
        this.scores = scores;
        this.multipliers = multipliers;
        this.deltas = deltas;
        this.summationErrors = SummationCheck.errors(List.of(scores), deltas);
        this.pairDeltas = pairDeltas;
        this.pairSummationErrors = pairSummationErrors;
        this.averagedQuantity = averagedQuantity;
        this.targets = targets.clone();
        this.method = method;
    }

    /**
     * @param scores              mean scores, the input's shape
     * @param multipliers         mean multipliers, the input's shape
     * @param deltas              {@code [N]} mean pair deltas
     * @param pairDeltas          {@code [N, R]}
     * @param pairSummationErrors {@code [N, R]}
     * @param averagedQuantity    the mean of a {@link PairQuantity}, or null
     */
    static DeepShapAttribution of(INDArray scores, INDArray multipliers, INDArray deltas, INDArray pairDeltas,
                                  INDArray pairSummationErrors, INDArray averagedQuantity, int[] targets,
                                  String method) {
        return new DeepShapAttribution(scores, multipliers, deltas, pairDeltas, pairSummationErrors,
                averagedQuantity, targets, method);
    }

    /** Mean over each example's pairs of the pairs' scores, the input's shape. */
    @Override
    public INDArray scores() {
        return scores;
    }

    /** Mean over each example's pairs of the pairs' multipliers, the input's shape. */
    @Override
    public INDArray multipliers() {
        return multipliers;
    }

    /** {@code [N]}: mean over each example's pairs of {@code target(x) − target(reference)}. */
    @Override
    public INDArray deltas() {
        return deltas;
    }

    /** {@code [N]}: per example {@code |Σ scores − deltas|} of the means. */
    @Override
    public INDArray summationErrors() {
        return summationErrors;
    }

    @Override
    public double maxSummationError() {
        return summationErrors.maxNumber().doubleValue();
    }

    /** {@code [N, R]}: {@code target(x_i) − target(reference_ir)} of every pair. */
    public INDArray pairDeltas() {
        return pairDeltas;
    }

    /** {@code [N, R]}: {@code |Σ scores − delta|} of every pair, from its raw scores before averaging. */
    public INDArray pairSummationErrors() {
        return pairSummationErrors;
    }

    /** The largest per-pair summation-to-delta error. */
    public double maxPairSummationError() {
        return pairSummationErrors.maxNumber().doubleValue();
    }

    /** R, the number of references of every example. */
    public int referencesPerExample() {
        return (int) pairDeltas.size(1);
    }

    /** The mean over each example's pairs of the {@link PairQuantity} asked for, if one was. */
    public Optional<INDArray> averagedQuantity() {
        return Optional.ofNullable(averagedQuantity);
    }

    /** The target unit of each example. */
    public int[] targets() {
        return targets.clone();
    }

    /** How the result was computed. */
    public String method() {
        return method;
    }

    @Override
    public String toString() {
        return "DeepShapAttribution{" + method + ", examples=" + deltas.length() + ", referencesPerExample="
                + referencesPerExample() + ", maxSummationError=" + maxSummationError() + ", maxPairSummationError="
                + maxPairSummationError() + "}";
    }
}
