package dev.deeplift.core.methods;

import dev.deeplift.core.Attribution;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A quantity computed for every (example, reference) pair from that pair's attribution, which DeepSHAP averages
 * over the references of each example alongside the scores. Hypothetical contributions are one
 * ({@link dev.deeplift.core.genomics.HypotheticalContributions#perPair}): they are not linear in the averaged
 * multipliers, so they must be averaged per pair.
 *
 * <pre>{@code
 * PairQuantity gradientTimesReference = (inputs, refs, pairs) -> pairs.multipliers().mul(refs);
 * Attribution a = DeepShap.of(explainer).explain(x, Reference.background(b), 0, gradientTimesReference);
 * INDArray mean = a.averagedQuantity().orElseThrow();
 * }</pre>
 */
@FunctionalInterface
public interface PairQuantity {

    /**
     * The quantity of a batch of B pairs.
     *
     * @param inputs     {@code [B, ...]}: the example of each pair
     * @param references {@code [B, ...]}, or {@code [1, ...]} when one reference is shared by every pair
     * @param pairs      the explainer's attribution of the B pairs
     * @return {@code [B, ...]}, the input's shape
     */
    INDArray compute(INDArray inputs, INDArray references, Attribution pairs);
}
