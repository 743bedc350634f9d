package dev.deeplift.bench.talgata;

import dev.deeplift.core.genomics.OneHot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Top motif matches on sequences with sites embedded at known positions. */
class MotifScannerTest {
    /** GATAAG with certainty: any mismatch costs ln(0.00025/bg) ≈ −7. */
    private static final MotifPwm GATAAG = MotifPwm.of("GATAAG", new double[][] {
        {0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}, {1, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 1, 0}});
    private static final String BACKGROUND = "TTCCTCTTCCTCTTCCTCTTCCTCTTCCTCTTCCTCTTCC";

    /** ln(0.99925) per matching base, less ln(background): G .2, A .3, T .3, A .3, A .3, G .2. */
    private static final double EXACT = 6 * Math.log(0.99925) - 2 * Math.log(0.2) - 4 * Math.log(0.3);

    private static String embed(String background, String site, int at) {
        return background.substring(0, at) + site + background.substring(at + site.length());
    }

    @Test
    void findsAnEmbeddedInstanceAtItsPositionWithItsLogOdds() {
        String seq = embed(BACKGROUND, "GATAAG", 17);
        List<List<MotifMatch>> top = new MotifScanner(GATAAG).topMatches(OneHot.encode(seq, DataType.FLOAT), 1);
        assertEquals(1, top.size());
        assertMatch(0, 17, EXACT, top.get(0).get(0));
        assertEquals(1, top.get(0).size());
        assertEquals(8.0303, EXACT, 1e-4); // 2·ln(1/0.2) + 4·ln(1/0.3) + 6·ln(0.99925)
    }

    @Test
    void topMatchesComeBestFirstPerSequence() {
        // Sequence 1 holds an exact site at 30 and a one-mismatch site (GATAAC) at 5.
        String seq0 = embed(BACKGROUND, "GATAAG", 17);
        String seq1 = embed(embed(BACKGROUND, "GATAAG", 30), "GATAAC", 5);
        List<List<MotifMatch>> top = new MotifScanner(GATAAG).topMatches(
                OneHot.encode(List.of(seq0, seq1), DataType.FLOAT), 4);
        assertEquals(2, top.size());
        List<MotifMatch> second = top.get(1);
        assertEquals(4, second.size());
        assertMatch(1, 30, EXACT, second.get(0));
        // GATAAC: five matches (G, then A T A A) and C where G is certain.
        double oneMismatch = 5 * Math.log(0.99925) - Math.log(0.2) - 4 * Math.log(0.3)
                + Math.log(0.00025) - Math.log(0.2);
        assertMatch(1, 5, oneMismatch, second.get(1));
        assertMatch(0, 17, EXACT, top.get(0).get(0));
        for (List<MotifMatch> matches : top) {
            for (int r = 1; r < matches.size(); r++) {
                assertTrue(matches.get(r).logOdds() <= matches.get(r - 1).logOdds(), "rank " + r);
            }
            matches.forEach(m -> assertEquals(top.indexOf(matches), m.sequence()));
        }
    }

    @Test
    void aTopPickNearTheLeftEndRepeatsOnlyUnderTheAuthorsMasking() {
        // w = 6, so h = 3; the site starts at 1 < h.
        String seq = embed(BACKGROUND, "GATAAG", 1);
        MotifScanner symmetric = new MotifScanner(GATAAG);
        MotifScanner authors = symmetric.withMasking(MatchMasking.AUTHORS);
        assertEquals(3, symmetric.halfWindow());

        List<MotifMatch> a = authors.topMatches(OneHot.encode(seq, DataType.FLOAT), 3).get(0);
        assertEquals(3, a.size());
        a.forEach(m -> assertMatch(0, 1, EXACT, m));

        List<MotifMatch> s = symmetric.topMatches(OneHot.encode(seq, DataType.FLOAT), 3).get(0);
        assertEquals(3, s.size());
        assertMatch(0, 1, EXACT, s.get(0));
        for (int i = 0; i < s.size(); i++) {
            for (int j = i + 1; j < s.size(); j++) {
                assertTrue(Math.abs(s.get(i).start() - s.get(j).start()) > 3, s.toString());
            }
        }
        assertTrue(s.get(1).logOdds() < EXACT && s.get(2).logOdds() <= s.get(1).logOdds(), s.toString());
    }

    private static void assertMatch(int sequence, int start, double logOdds, MotifMatch m) {
        assertEquals(sequence, m.sequence(), m.toString());
        assertEquals(start, m.start(), m.toString());
        assertEquals(logOdds, m.logOdds(), 1e-12, m.toString());
    }
}
