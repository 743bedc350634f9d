package dev.deeplift.bench.experiments.sequence;

import dev.deeplift.core.Attribution;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One attribution method of the sequence experiment.
 *
 * @param key    a short identifier (lower-case letters, digits, '_'), used in the JSON-free outputs and tests
 * @param label  the name shown in the table and the figure
 * @param scorer computes the scores of a batch
 */
public record SequenceMethod(String key, String label, Scorer scorer) {
    /** Scores of a batch of one-hot sequences {@code [N, 4, L]} for the classifier's single output unit. */
    @FunctionalInterface
    public interface Scorer {
        /** The attribution of {@code x} to the output's logit; scores in {@code x}'s shape. */
        Attribution explain(INDArray x);
    }

    /** Checks nothing is missing and the key's characters. */
    public SequenceMethod {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scorer, "scorer");
        if (!key.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("A method key is lower-case letters, digits and '_', got " + key);
        }
    }
}
