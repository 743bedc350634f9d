package dev.deeplift.bench.experiments.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The planted-token experiment's pipeline on a tiny run, and its pieces on hand-made cases. */
class PlantedTokensTest {

    @Test
    void sequencesHoldThePlantedTokensExactlyWhereTheySayAndAreLabelledByTheirConjunction() {
        PlantedTokenTask.Sequences s = PlantedTokenTask.sample(300, 5);
        int positives = 0;
        for (int n = 0; n < s.size(); n++) {
            boolean a = false;
            boolean b = false;
            int count = 0;
            for (int t = 0; t < PlantedTokenTask.LENGTH; t++) {
                int token = s.tokens()[n][t];
                a |= token == PlantedTokenTask.A;
                b |= token == PlantedTokenTask.B;
                count += token == PlantedTokenTask.A || token == PlantedTokenTask.B ? 1 : 0;
                assertTrue(token > 0 && token < PlantedTokenTask.VOCABULARY);
            }
            assertEquals(a && b ? 1 : 0, s.labels()[n]);
            assertEquals(count, s.planted()[n].length);
            positives += s.labels()[n];
        }
        assertTrue(positives > 110 && positives < 190, "about half are positive: " + positives);
        assertArrayEquals(s.tokens()[7], PlantedTokenTask.sample(300, 5).tokens()[7]);
    }

    @Test
    void hitsCountPlantedPositionsAmongTheTopK() {
        double[] scores = {0.1, 3.0, -1.0, 2.0, 2.5};
        assertEquals(2, TopTokens.hits(scores, 2, 1, 4));
        assertEquals(1, TopTokens.hits(scores, 2, 1, 3));
        assertEquals(2, TopTokens.hits(scores, 3, 3, 4));
    }

    @Test
    void aTinyRunTrainsExplainsWithEveryMethodAndWritesTheTableAndFigure(@TempDir Path out) throws Exception {
        PlantedTokens.Run run = PlantedTokens.run(out, 96, 12, 1, 3);
        assertEquals(5, run.results().size());
        for (MethodHits r : run.results()) {
            assertTrue(r.allInTopK() >= 0 && r.allInTopK() <= 1 && r.recallAtK() >= 0 && r.recallAtK() <= 1,
                    r.toString());
            assertEquals(run.explained(), r.examples());
        }
        // DeepLIFT's scores sum to the target's change (FLOAT network).
        assertTrue(run.results().get(0).maxSummationError() < 1e-3, run.results().get(0).toString());
        assertTrue(run.results().get(1).maxSummationError() < 1e-3, run.results().get(1).toString());
        String table = Files.readString(out.resolve("planted-tokens.md"));
        assertTrue(table.contains("| DeepLIFT RevealCancel |") && table.contains("| Gradient × input |"), table);
        assertTrue(Files.size(out.resolve("planted-tokens.png")) > 1000);
    }
}
