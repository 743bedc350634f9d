package dev.deeplift.bench.experiments.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

/** Position scores, top-k, recall and the chance levels, against hand counts and brute-force enumeration. */
class PlantedRecoveryTest {
    @Test
    void aPositionsScoreIsTheSumOfItsChannels() {
        double[][] ncw = {{1, 0, -2}, {0.5, 0, 0}, {0, 3, 0}, {0, 0, 1}};
        assertArrayEquals(new double[] {1.5, 3, -1},
                PlantedRecovery.positionScores(Nd4j.createFromArray(ncw)), 0.0);
    }

    @Test
    void topKRanksTheMostPositiveFirstAndBreaksTiesByPosition() {
        double[] s = {0.1, 5, -3, 5, 2, 0};
        assertArrayEquals(new int[] {1, 3, 4}, PlantedRecovery.top(s, 3));
        assertArrayEquals(new int[] {1, 3, 4, 0, 5, 2}, PlantedRecovery.top(s, 6));
    }

    @Test
    void recallCountsThePlantedPositionsInTheTopK() {
        double[] s = {0, 9, 8, 0, 7, 0, 0, 6};
        assertEquals(1.0, PlantedRecovery.recall(s, new int[] {1, 2, 4, 7}));
        assertEquals(0.5, PlantedRecovery.recall(s, new int[] {1, 2, 5, 6}));
        assertTrue(PlantedRecovery.bothMotifs(s, new int[] {1, 3}, new int[] {6, 7}));
        assertFalse(PlantedRecovery.bothMotifs(s, new int[] {1, 2}, new int[] {5, 6}), "B has no position on top");
    }

    @Test
    void chanceLevelsAreTheExactShareOfRandomRankings() {
        assertEquals(12 / 50.0, PlantedRecovery.chanceRecall(12, 50), 0.0);
        // Every k-subset of L positions, as likely as any other under random scores: counted by enumeration.
        int length = 9;
        int a = 2;
        int b = 3;
        int k = a + b;
        int both = 0;
        int subsets = 0;
        for (int mask = 0; mask < 1 << length; mask++) {
            if (Integer.bitCount(mask) != k) {
                continue;
            }
            subsets++;
            boolean hasA = (mask & 0b11) != 0;          // motif A at positions 0, 1
            boolean hasB = (mask & 0b11100) != 0;       // motif B at positions 2, 3, 4
            both += hasA && hasB ? 1 : 0;
        }
        assertEquals(both / (double) subsets, PlantedRecovery.chanceBothMotifs(a, b, length), 1e-15);
        assertEquals(1.0 / subsets, PlantedRecovery.chanceAllPlanted(k, length), 1e-15);
    }
}
