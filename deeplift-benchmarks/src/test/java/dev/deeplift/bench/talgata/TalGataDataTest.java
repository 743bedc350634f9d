package dev.deeplift.bench.talgata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.genomics.OneHot;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The TAL-GATA loader against the facts SOURCES.md states about the data. */
class TalGataDataTest {
    private static TalGataData test;

    @BeforeAll
    static void load() {
        test = TalGataData.loadTestSet();
    }

    @Test
    void testSetHas800SequencesWithTheModelsShapes() {
        assertEquals(800, test.size());
        assertEquals(800, new HashSet<>(test.ids()).size());
        INDArray x = test.oneHot();
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new long[] {800, 200, 4}, x.shape());
        assertArrayEquals(new long[] {800, 3}, test.labels().shape());
        assertEquals(800 * 200, x.sumNumber().longValue()); // one base per position: no N in the data
        assertEquals("gata_tal1_1902", test.ids().get(0));
        assertEquals(test.sequences().get(0), OneHot.decode(x.get(NDArrayIndex.point(0), NDArrayIndex.all(),
                NDArrayIndex.all())));
    }

    @Test
    void firstTestSequenceHasItsListedSitesAndLabels() {
        assertArrayEquals(new float[] {1, 1, 1}, test.labels().getRow(0).toFloatVector(), 0f);
        List<EmbeddedMotif> sites = test.embeddings().get(0);
        assertEquals(List.of(new EmbeddedMotif("GATA_disc1", 151, "ACCGATAAGG"),
                new EmbeddedMotif("TAL1_known1", 123, "CAAAACAGGTGGTGTG"),
                new EmbeddedMotif("TAL1_known1", 166, "CTCACCAGATGGTAGT")), sites);
        for (EmbeddedMotif site : sites) {
            assertEquals(site.bases(), test.sequences().get(0).substring(site.start(), site.end()));
        }
    }

    @Test
    void labelsAgreeWithTheInsertedSitesAndTheSequenceClass() {
        INDArray y = test.labels();
        for (int i = 0; i < test.size(); i++) {
            boolean gata = test.embeddings().get(i).stream().anyMatch(e -> e.motif().equals(TalGataMotifs.GATA));
            boolean tal1 = test.embeddings().get(i).stream().anyMatch(e -> e.motif().equals(TalGataMotifs.TAL1));
            float[] expected = {gata && tal1 ? 1 : 0, gata ? 1 : 0, tal1 ? 1 : 0};
            assertArrayEquals(expected, y.getRow(i).toFloatVector(), 0f, test.ids().get(i));
            String id = test.ids().get(i);
            String cls = gata && tal1 ? "gata_tal1_" : gata ? "gata_only_" : tal1 ? "tal1_only_" : "empty_";
            assertTrue(id.startsWith(cls), id + " has sites " + test.embeddings().get(i));
        }
    }

    @Test
    void allSequencesAre8000In4ClassesOf2000() {
        TalGataData all = TalGataData.loadAll();
        assertEquals(8000, all.size());
        Map<String, Integer> classes = new TreeMap<>();
        for (String id : all.ids()) {
            classes.merge(id.substring(0, id.lastIndexOf('_')), 1, Integer::sum);
        }
        assertEquals(Map.of("empty", 2000, "gata_only", 2000, "gata_tal1", 2000, "tal1_only", 2000), classes);
        assertArrayEquals(new long[] {8000, 200, 4}, all.oneHot().shape());
        assertTrue(all.indexOf(test.ids().get(0)) >= 0);
    }
}
