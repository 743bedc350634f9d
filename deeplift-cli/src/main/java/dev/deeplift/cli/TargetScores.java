package dev.deeplift.cli;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The attribution of every example to one target choice: what one scores file holds.
 *
 * @param fileStem the scores file's name without extension, e.g. {@code scores-target-3}
 * @param title    the heatmap column's title, e.g. {@code unit 3}
 * @param scores   the input's shape
 * @param targets  the unit explained for each example
 * @param deltas   {@code [N]}: target at the input minus target at the reference (the mean over the references
 *                 with DeepSHAP)
 */
record TargetScores(String fileStem, String title, INDArray scores, int[] targets, INDArray deltas) {
}
