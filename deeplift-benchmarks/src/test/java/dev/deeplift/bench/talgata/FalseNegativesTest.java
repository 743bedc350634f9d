package dev.deeplift.bench.talgata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.bench.talgata.MotifMatch;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The false-negative count on a case made by hand. */
class FalseNegativesTest {
    private static final int WIDTH = 3;

    @Test
    void countsStrongMatchesOfCountedSequencesScoredAtMostZero() {
        PositionScores scores = PositionScores.of(new double[][] {
                {1.0, -1.0, 0.0, 0.5, 0.5, -2.0},   // sequence 0, counted
                {-5.0, -5.0, -5.0, -5.0, -5.0, -5.0}, // sequence 1, not counted (another class)
                {0.0, 0.0, -0.1, 0.0, 0.0, 0.0}});   // sequence 2, counted
        List<List<MotifMatch>> matches = List.of(
                List.of(new MotifMatch(0, 0, 7.0),     // 1 − 1 + 0 = 0: at the threshold, scored 0 → false negative
                        new MotifMatch(0, 2, 9.0),     // 0 + 0.5 + 0.5 = 1 > 0 → found
                        new MotifMatch(0, 3, 6.999)),  // 0.5 + 0.5 − 2 < 0 but below the threshold → not counted
                List.of(new MotifMatch(1, 0, 12.0)),   // strong and negative, but the sequence is not counted
                List.of(new MotifMatch(2, 1, 8.0),     // −0.1 → false negative,
                        new MotifMatch(2, 1, 8.0)));   // listed twice (the authors' masking repeats): counts twice
        FalseNegatives fn = FalseNegatives.count(matches, scores, WIDTH, FalseNegatives.LOG_ODDS_THRESHOLD,
                i -> i != 1);
        assertEquals(new FalseNegatives(3, 4), fn);
        assertEquals(75.0, fn.percent(), 1e-12);
        // Counted once, the repeated match leaves 2 false negatives among 3 matches.
        assertEquals(new FalseNegatives(2, 3), FalseNegatives.count(DistinctMatches.of(matches), scores, WIDTH,
                FalseNegatives.LOG_ODDS_THRESHOLD, i -> i != 1));
        assertEquals(List.of(new MotifMatch(2, 1, 8.0)), DistinctMatches.of(matches).get(2));
    }

    @Test
    void aPositiveScoreIsNeverAFalseNegativeAndNothingCountedIsNaN() {
        PositionScores scores = PositionScores.of(new double[][] {{1e-9, 0, 0, 0}});
        List<List<MotifMatch>> matches = List.of(List.of(new MotifMatch(0, 0, 20.0)));
        assertEquals(new FalseNegatives(0, 1), FalseNegatives.count(matches, scores, WIDTH, 7, i -> true));
        FalseNegatives none = FalseNegatives.count(matches, scores, WIDTH, 7, i -> false);
        assertEquals(new FalseNegatives(0, 0), none);
        assertTrue(Double.isNaN(none.percent()));
    }

    @Test
    void refusesInconsistentInput() {
        PositionScores scores = PositionScores.of(new double[][] {{0, 0, 0}});
        assertThrows(IllegalArgumentException.class, () -> FalseNegatives.count(List.of(), scores, WIDTH, 7,
                i -> true));
        assertThrows(IllegalArgumentException.class, () -> FalseNegatives.count(
                List.of(List.of(new MotifMatch(0, 1, 9))), scores, WIDTH, 7, i -> true)); // window runs past the end
        assertThrows(IllegalArgumentException.class, () -> new FalseNegatives(2, 1));
    }

    @Test
    void authorsPercentagesAreWholeCountsOfTheirDenominators() {
        // 11.56 % of 398 is 46.01: each printed percentage is a whole count of the stated denominator, rounded to
        // two decimals (one match is 0.25 % or 0.32 %, so the count is unique), which makes the counts checkable.
        for (String motif : List.of(TalGataMotifs.TAL1, TalGataMotifs.GATA)) {
            for (String method : List.of("guided_backprop", "grad_times_inp", "integrated_gradients_10", "rescale",
                    "reveal_cancel", "genomics_default", "genomics_default_multiref_10")) {
                AuthorsFigure5.Published p = AuthorsFigure5.of(motif, method).orElseThrow();
                double printed = Math.round(10000.0 * p.falseNegatives() / p.matches()) / 100.0;
                assertEquals(p.percent(), printed, 1e-9, motif + " " + method);
            }
        }
        assertEquals(46, AuthorsFigure5.of(TalGataMotifs.TAL1, "grad_times_inp").orElseThrow().falseNegatives());
        assertEquals(20, AuthorsFigure5.of(TalGataMotifs.GATA, "integrated_gradients_10").orElseThrow()
                .falseNegatives());
        assertTrue(AuthorsFigure5.of(TalGataMotifs.TAL1, "integrated_gradients_5").isEmpty());
    }
}
