package dev.deeplift.bench.talgata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Greedy top-k picks under both maskings, including the authors' rule checked against numpy. */
class GreedyTopKTest {

    @Test
    void symmetricPicksBestFirstMasksBothSidesAndStopsWhenNothingIsLeft() {
        double[] track = {1, 5, 2, 9, 3, 7, 0, 4};
        // 3 (masks 2..4), 5 (masks 4..6), 1 (masks 0..2), 7; then every position is masked.
        assertArrayEquals(new int[] {3, 5, 1, 7}, GreedyTopK.pick(track, 10, 1, MatchMasking.SYMMETRIC));
        assertArrayEquals(new int[] {3, 5}, GreedyTopK.pick(track, 2, 1, MatchMasking.SYMMETRIC));
    }

    @Test
    void aPickNearTheLeftEndMasksNothingUnderTheAuthorsRuleAndRepeats() {
        double[] track = {0, 10, 9, 8, 1, 1, 7, 1, 1, 1};
        // h = 2: the top pick 1 lies within h of the left end.
        assertArrayEquals(new int[] {1, 6, 9}, GreedyTopK.pick(track, 3, 2, MatchMasking.SYMMETRIC));
        assertArrayEquals(new int[] {1, 1, 1}, GreedyTopK.pick(track, 3, 2, MatchMasking.AUTHORS));
    }

    @Test
    void authorsRuleMasksOneFewerPositionOnTheRight() {
        double[] track = {0, 0, 0, 0, 0, 10, 9, 0, 0, 0};
        // h = 2, pick 5: the authors' slice [3:6] leaves 6 eligible; symmetric masks 3..7.
        assertArrayEquals(new int[] {5, 6, 0}, GreedyTopK.pick(track, 3, 2, MatchMasking.AUTHORS));
        assertArrayEquals(new int[] {5, 0, 8}, GreedyTopK.pick(track, 3, 2, MatchMasking.SYMMETRIC));
    }

    @Test
    void authorsRuleMatchesNumpyOnRecordedCases() {
        // Expected picks recorded by running the authors' loop (argmax; scores[i-h:i+h-1] = -inf) under numpy.
        double[] random = {33, 40, 1, 40, 23, 25, 31, 14, 48, 2, 13, 19, 28, 20, 6, 2, 0, 2, 7, 49, 9, 32, 37, 11, 14,
            21, 13, 48, 8, 44};
        assertArrayEquals(new int[] {19, 8, 27, 29, 1, 1}, GreedyTopK.pick(random, 6, 2, MatchMasking.AUTHORS));
        assertArrayEquals(new int[] {19, 8, 27, 29, 1, 1}, GreedyTopK.pick(random, 6, 3, MatchMasking.AUTHORS));
        assertArrayEquals(new int[] {19, 8, 27, 1, 1, 1}, GreedyTopK.pick(random, 6, 5, MatchMasking.AUTHORS));
        double[] t1 = {3, 9, 4, 1, 7, 7, 2, 8, 0, 5, 6, 1};
        assertArrayEquals(new int[] {1, 1, 1, 1, 1, 1}, GreedyTopK.pick(t1, 6, 1, MatchMasking.AUTHORS));
        double[] t3 = {0, 0, 0, 0, 0, 10, 9, 0, 0, 0};
        assertArrayEquals(new int[] {5, 0, 0, 0, 0, 0}, GreedyTopK.pick(t3, 6, 3, MatchMasking.AUTHORS));
        double[] tiny = {5, 4}; // shorter than 2h − 1: the wrapped slice masks everything; argmax of all −inf is 0
        assertArrayEquals(new int[] {0, 1, 0, 0, 0, 0}, GreedyTopK.pick(tiny, 6, 2, MatchMasking.AUTHORS));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 0}, GreedyTopK.pick(tiny, 6, 3, MatchMasking.AUTHORS));
        assertArrayEquals(new int[] {0, 1, 1, 1, 1, 1}, GreedyTopK.pick(tiny, 6, 0, MatchMasking.AUTHORS));
    }

    @Test
    void tiesGoToTheFirstPositionAndNaNIsRefused() {
        double[] tie = {2, 7, 7, 1};
        assertArrayEquals(new int[] {1}, GreedyTopK.pick(tie, 1, 0, MatchMasking.SYMMETRIC));
        assertArrayEquals(new int[] {1}, GreedyTopK.pick(tie, 1, 0, MatchMasking.AUTHORS));
        assertThrows(IllegalArgumentException.class,
                () -> GreedyTopK.pick(new double[] {1, Double.NaN}, 1, 0, MatchMasking.SYMMETRIC));
    }
}
