package dev.deeplift.bench.talgata;

import java.util.Objects;

/**
 * One point of a Figure 5 scatter plot: a motif match in one sequence.
 *
 * @param logOdds the match's log-odds (x)
 * @param score   a method's summed score over the match for one task (y)
 * @param kind    the sequence's class, which colours the point
 */
public record MatchPoint(double logOdds, double score, SequenceClass kind) {
    /** Checks the values. */
    public MatchPoint {
        Objects.requireNonNull(kind, "kind");
        if (!Double.isFinite(logOdds) || !Double.isFinite(score)) {
            throw new IllegalArgumentException("A point needs finite coordinates, got (" + logOdds + ", " + score
                    + ")");
        }
    }
}
