package dev.deeplift.bench.experiments.sequence;

import java.util.Objects;

/**
 * One method's outcome on one model.
 *
 * @param method            the method's key
 * @param label             the method's name
 * @param recall            mean over the sequences of the share of planted positions in the top k
 * @param allPlanted        share of the sequences whose top k are exactly the planted positions
 * @param bothMotifs        share of the sequences with a position of each motif in the top k
 * @param seconds           wall-clock seconds to score every sequence
 * @param maxSummationError the largest {@code |Σ scores − Δlogit|} over the sequences (for DeepSHAP, of the means)
 * @param exampleScores     the position scores of the first sequence, for the figure
 */
public record MethodRecovery(String method, String label, double recall, double allPlanted, double bothMotifs,
                             double seconds, double maxSummationError, double[] exampleScores) {
    /** Checks nothing is missing and copies the example's scores. */
    public MethodRecovery {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(label, "label");
        exampleScores = exampleScores.clone();
    }

    /** The first sequence's position scores (a copy). */
    @Override
    public double[] exampleScores() {
        return exampleScores.clone();
    }
}
