package dev.deeplift.bench.talgata;

import dev.deeplift.bench.talgata.MotifMatch;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * The paper's false-negative count for one motif and method: among the motif matches with log-odds at least a
 * threshold in the sequences that contain both motifs, those whose summed task-0 score over the match is
 * {@code ≤ 0}. A strong match in such a sequence drives task 0, so a method that gives it no positive importance
 * missed it.
 *
 * @param falseNegatives matches scored {@code ≤ 0}
 * @param matches        matches counted (the denominator)
 */
public record FalseNegatives(int falseNegatives, int matches) {
    /** The authors' threshold on the log-odds (natural log) of a match. */
    public static final double LOG_ODDS_THRESHOLD = 7.0;

    /** Checks the counts. */
    public FalseNegatives {
        if (matches < 0 || falseNegatives < 0 || falseNegatives > matches) {
            throw new IllegalArgumentException("Need 0 ≤ falseNegatives ≤ matches, got " + falseNegatives + " of "
                    + matches);
        }
    }

    /**
     * Counts over every sequence's matches, as the authors' notebook does: each listed match counts, so a match
     * listed twice (the {@link dev.deeplift.bench.talgata.MatchMasking#AUTHORS} masking repeats picks) counts
     * twice.
     *
     * @param matches   the top matches of each sequence, indexed like {@code scores}
     * @param scores    the task-0 position scores
     * @param width     the motif's width
     * @param threshold matches with log-odds {@code ≥ threshold} are counted
     * @param counted   which sequences count (the authors: labelled 1,1,1)
     */
    public static FalseNegatives count(List<List<MotifMatch>> matches, PositionScores scores, int width,
                                       double threshold, IntPredicate counted) {
        if (matches.size() != scores.sequences()) {
            throw new IllegalArgumentException(matches.size() + " lists of matches for " + scores.sequences()
                    + " scored sequences");
        }
        int total = 0;
        int negative = 0;
        for (int i = 0; i < matches.size(); i++) {
            if (!counted.test(i)) {
                continue;
            }
            for (MotifMatch m : matches.get(i)) {
                if (m.logOdds() >= threshold) {
                    total++;
                    if (scores.window(i, m.start(), width) <= 0) {
                        negative++;
                    }
                }
            }
        }
        return new FalseNegatives(negative, total);
    }

    /** {@code falseNegatives / matches} in percent, NaN when nothing was counted. */
    public double percent() {
        return matches == 0 ? Double.NaN : 100.0 * falseNegatives / matches;
    }
}
