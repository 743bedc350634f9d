package dev.deeplift.bench.talgata;

import dev.deeplift.core.Attribution;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How one method of the Figure 5 comparison scores a batch of one-hot sequences for one task. The reference is
 * part of the method (the flat background, or shuffled copies of each sequence), so only the input and the task
 * are given.
 */
@FunctionalInterface
public interface Figure5Scorer {

    /**
     * Contributions of every base of every sequence to one task's logit.
     *
     * @param oneHot {@code [N, 200, 4]} FLOAT, channels A C G T last
     * @param task   0, 1 or 2; explained before the sigmoid
     * @return scores of the input's shape
     */
    Attribution explain(INDArray oneHot, int task);
}
