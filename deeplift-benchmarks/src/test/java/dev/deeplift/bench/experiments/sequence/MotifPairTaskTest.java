package dev.deeplift.bench.experiments.sequence;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.genomics.Dna;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The synthetic task plants each motif exactly where it says, labels by both motifs, and depends on its seed only. */
class MotifPairTaskTest {
    private static final MotifPairTask TASK = MotifPairTask.defaults();

    @Test
    void eachMotifOccursExactlyWhereItWasPlantedAndTheLabelIsTheirConjunction() {
        MotifPairData d = TASK.generate(600, 5);
        int[] kinds = new int[4];
        int[] labels = d.labels();
        for (int i = 0; i < d.size(); i++) {
            String s = d.sequences().get(i);
            assertEquals(TASK.length(), s.length());
            int a = d.startA()[i];
            int b = d.startB()[i];
            assertEquals(a < 0 ? -1 : a, s.indexOf(TASK.motifA()), "motif A of sequence " + i);
            assertEquals(b < 0 ? -1 : b, s.indexOf(TASK.motifB()), "motif B of sequence " + i);
            assertEquals(-1, a < 0 ? -1 : s.indexOf(TASK.motifA(), a + 1), "motif A only once in " + i);
            assertEquals(-1, b < 0 ? -1 : s.indexOf(TASK.motifB(), b + 1), "motif B only once in " + i);
            if (a >= 0 && b >= 0) {
                assertTrue(b >= a + TASK.motifA().length() || a >= b + TASK.motifB().length(), "no overlap in " + i);
            }
            assertEquals(a >= 0 && b >= 0 ? 1 : 0, labels[i], "label of sequence " + i);
            kinds[(a >= 0 ? 1 : 0) + (b >= 0 ? 2 : 0)]++;
            assertEquals(a >= 0 && b >= 0 ? 12 : a >= 0 || b >= 0 ? 6 : 0, d.planted(i).length);
        }
        // About half positive; the negatives split evenly between none, A only and B only.
        assertTrue(Math.abs(kinds[3] - 300) < 50, "positives " + kinds[3]);
        for (int k = 0; k < 3; k++) {
            assertTrue(Math.abs(kinds[k] - 100) < 35, "negatives of kind " + k + ": " + kinds[k]);
        }
    }

    @Test
    void theOneHotEncodingIsNcwAndMatchesTheBases() {
        MotifPairData d = TASK.generate(7, 3);
        assertArrayEquals(new long[] {7, 4, TASK.length()}, d.oneHot().shape());
        assertEquals(DataType.FLOAT, d.oneHot().dataType());
        for (int i = 0; i < 7; i++) {
            for (int p = 0; p < TASK.length(); p++) {
                for (int c = 0; c < 4; c++) {
                    double expected = Dna.index(d.sequences().get(i).charAt(p)) == c ? 1 : 0;
                    assertEquals(expected, d.oneHot().getDouble(i, c, p), "sequence " + i + " position " + p);
                }
            }
        }
        assertArrayEquals(new long[] {7, 1}, d.labelColumn().shape());
    }

    @Test
    void theSameSeedGivesTheSameSequencesAndAnotherSeedOthers() {
        assertEquals(TASK.generate(20, 9).sequences(), TASK.generate(20, 9).sequences());
        assertFalse(TASK.generate(20, 9).sequences().equals(TASK.generate(20, 10).sequences()));
    }

    @Test
    void onlyAtFindsStrayOccurrences() {
        assertTrue(MotifPairTask.onlyAt("AAGATAAGTT", "GATAAG", 2));
        assertFalse(MotifPairTask.onlyAt("AAGATAAGTT", "GATAAG", -1));
        assertFalse(MotifPairTask.onlyAt("GATAAGATAAG", "GATAAG", 0), "a second, overlapping occurrence");
        assertFalse(MotifPairTask.onlyAt("AAAAAAAAAA", "GATAAG", 2), "planted but absent");
        assertTrue(MotifPairTask.onlyAt("AAAAAAAAAA", "GATAAG", -1));
    }

    @Test
    void motifsThatCannotFitSideBySideOrHoldOtherLettersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new MotifPairTask(11, "GATAAG", "CAGATG"));
        assertThrows(IllegalArgumentException.class, () -> new MotifPairTask(50, "GATNAG", "CAGATG"));
    }
}
