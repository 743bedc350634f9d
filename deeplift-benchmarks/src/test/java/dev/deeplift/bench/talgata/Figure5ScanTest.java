package dev.deeplift.bench.talgata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.bench.talgata.MatchMasking;
import dev.deeplift.bench.talgata.MotifMatch;
import dev.deeplift.bench.talgata.MotifPwm;
import dev.deeplift.core.genomics.OneHot;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The experiment's motif scan finds the sites the simulation inserted, where they are, with their log-odds. */
class Figure5ScanTest {
    private static TalGataData data;

    @BeforeAll
    static void load() {
        data = TalGataData.loadTestSet();
    }

    /** {@code Σ_k ln(p[k][b_k]·0.999 + 0.00025) − ln(bg[b_k])}, from the PWM's probabilities as given. */
    private static double handLogOdds(MotifPwm motif, String bases) {
        double[][] p = motif.probabilities();
        double[] bg = {0.3, 0.2, 0.2, 0.3}; // A C G T
        double sum = 0;
        for (int k = 0; k < bases.length(); k++) {
            int b = "ACGT".indexOf(bases.charAt(k));
            sum += Math.log(p[k][b] * 0.999 + 0.00025) - Math.log(bg[b]);
        }
        return sum;
    }

    @Test
    void everySiteOfTheFirstTestSequenceIsATopMatchWithItsHandComputedLogOdds() {
        // gata_tal1_1902: GATA_disc1 at 151, TAL1_known1 at 123 and 166.
        assertEquals("gata_tal1_1902", data.ids().get(0));
        INDArray x = OneHot.encode(List.of(data.sequences().get(0)), DataType.FLOAT);
        List<EmbeddedMotif> sites = data.embeddings().get(0);
        assertEquals(3, sites.size());
        for (EmbeddedMotif site : sites) {
            MotifPwm motif = site.motif().equals(TalGataMotifs.TAL1) ? TalGataMotifs.tal1() : TalGataMotifs.gata();
            assertEquals(motif.width(), site.bases().length());
            double expected = handLogOdds(motif, site.bases());
            assertTrue(expected > FalseNegatives.LOG_ODDS_THRESHOLD, site + ": " + expected);
            for (MatchMasking masking : MatchMasking.values()) {
                List<MotifMatch> top = Figure5Scan.topMatches(x, motif, masking).get(0);
                assertEquals(Figure5Scan.TOP_K, top.size(), masking.toString());
                Optional<MotifMatch> hit = top.stream().filter(m -> m.start() == site.start()).findFirst();
                assertTrue(hit.isPresent(), site + " not among " + top + " (" + masking + ")");
                assertEquals(expected, hit.get().logOdds(), 1e-9, site.toString());
                assertEquals(0, hit.get().sequence());
            }
        }
    }

    @Test
    void theLogOddsTrackAgreesWithTheHandValueAtEveryInsertedTal1Site() {
        // Over all test sequences: the scan's track at each inserted site equals the hand value (forward strand).
        MotifPwm tal1 = TalGataMotifs.tal1();
        int checked = 0;
        for (int i = 0; i < data.size(); i++) {
            for (EmbeddedMotif site : data.embeddings().get(i)) {
                if (site.motif().equals(TalGataMotifs.TAL1)) {
                    INDArray track = Figure5Scan.scanner(tal1, MatchMasking.SYMMETRIC)
                            .scores(OneHot.encode(data.sequences().get(i), DataType.FLOAT));
                    assertEquals(handLogOdds(tal1, site.bases()), track.getDouble(site.start()), 1e-9,
                            data.ids().get(i) + " " + site);
                    checked++;
                }
            }
        }
        assertTrue(checked > 300, "only " + checked + " TAL1 sites in the test set");
    }
}
