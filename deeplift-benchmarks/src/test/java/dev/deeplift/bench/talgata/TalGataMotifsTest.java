package dev.deeplift.bench.talgata;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.bench.talgata.MatchMasking;
import dev.deeplift.bench.talgata.MotifMatch;
import dev.deeplift.bench.talgata.MotifPwm;
import dev.deeplift.bench.talgata.MotifScanner;
import dev.deeplift.core.genomics.OneHot;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The motif files, and the scanner on real sequences. */
class TalGataMotifsTest {

    @Test
    void motifFilesHaveTheirWidths() {
        assertEquals(10, TalGataMotifs.gata().width());
        assertEquals(16, TalGataMotifs.tal1().width());
        assertEquals(TalGataMotifs.GATA, TalGataMotifs.gata().name());
    }

    @Test
    void insertedGataSiteIsTheTopMatchWithItsHandComputedLogOdds() {
        TalGataData data = TalGataData.loadTestSet();
        int i = data.indexOf("gata_tal1_1902"); // GATA_disc1 inserted at 151: ACCGATAAGG
        List<MotifMatch> top = new MotifScanner(TalGataMotifs.gata())
                .topMatches(OneHot.encode(data.sequences().get(i), DataType.FLOAT), 1).get(0);
        assertEquals(151, top.get(0).start());
        // GATA_disc1 rows (SOURCES: GATA_disc1.pwm) at A C C G A T A A G G; background A/T 0.3, C/G 0.2.
        double[] p = {0.322751, 0.476190, 0.100529, 1.0, 1.0, 1.0, 0.878307, 0.973545, 0.947090, 0.507937};
        double[] bg = {0.3, 0.2, 0.2, 0.2, 0.3, 0.3, 0.3, 0.3, 0.2, 0.2};
        double expected = 0;
        for (int k = 0; k < p.length; k++) {
            expected += Math.log(p[k] * 0.999 + 0.00025) - Math.log(bg[k]);
        }
        assertEquals(expected, top.get(0).logOdds(), 1e-9);
    }

    @Test
    void aSiteAtTheLeftEndRepeatsUnderTheAuthorsMasking() {
        // gata_only_1527 has GCAGATAAGA inserted at 1 and at 120: equal scores, the first (1 < ⌊10/2⌋) wins.
        TalGataData all = TalGataData.loadAll();
        String seq = all.sequences().get(all.indexOf("gata_only_1527"));
        MotifPwm gata = TalGataMotifs.gata();
        List<MotifMatch> authors = new MotifScanner(gata, MotifPwm.defaultBackground(), MatchMasking.AUTHORS)
                .topMatches(OneHot.encode(seq, DataType.FLOAT), 3).get(0);
        assertEquals(List.of(1, 1, 1), authors.stream().map(MotifMatch::start).toList());
        List<MotifMatch> symmetric = new MotifScanner(gata).topMatches(OneHot.encode(seq, DataType.FLOAT), 3).get(0);
        assertEquals(List.of(1, 120), symmetric.subList(0, 2).stream().map(MotifMatch::start).toList());
        assertEquals(symmetric.get(0).logOdds(), symmetric.get(1).logOdds(), 1e-12);
    }
}
