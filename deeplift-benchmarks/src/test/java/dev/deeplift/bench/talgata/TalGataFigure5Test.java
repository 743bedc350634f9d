package dev.deeplift.bench.talgata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.deeplift.bench.talgata.MatchMasking;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A small run of the whole experiment: 12 sequences, two methods; the table, the JSON and the pictures. */
class TalGataFigure5Test {
    private static final List<String> METHODS = List.of("rescale", "grad_times_inp");
    private static final List<String> MOTIFS = List.of(TalGataMotifs.TAL1, TalGataMotifs.GATA);

    @TempDir
    static Path out;
    private static Figure5Report report;

    @BeforeAll
    static void run() {
        System.setProperty("java.awt.headless", "true");
        report = TalGataFigure5.run(new Figure5Options(out, 12, METHODS, 1L, true));
    }

    @Test
    void tableHasOneRowPerMotifMaskingAndMethodWithTheAuthorsBeside() {
        assertEquals(12, report.sequences());
        assertTrue(report.bothSequences() > 0 && report.bothSequences() < 12, "classes: " + report.bothSequences());
        assertEquals(METHODS, report.methods());
        assertEquals(MOTIFS, report.motifs());
        assertEquals(MOTIFS.size() * MatchMasking.values().length * METHODS.size(), report.rows().size());
        for (String motif : MOTIFS) {
            int authorsMatches = motif.equals(TalGataMotifs.TAL1) ? 398 : 313;
            for (MatchMasking masking : MatchMasking.values()) {
                int denominator = -1;
                for (String method : METHODS) {
                    Figure5Row row = report.row(motif, masking, method).orElseThrow();
                    assertEquals(authorsMatches, row.authors().orElseThrow().matches());
                    // Only the authors' masking repeats picks; counted once, a count can only shrink.
                    if (masking == MatchMasking.SYMMETRIC) {
                        assertEquals(row.ours(), row.distinct(), row.toString());
                    } else {
                        assertTrue(row.distinct().matches() <= row.ours().matches(), row.toString());
                        assertTrue(row.distinct().falseNegatives() <= row.ours().falseNegatives(), row.toString());
                    }
                    // The denominator is a property of the scan, not of the method.
                    assertTrue(denominator < 0 || denominator == row.ours().matches(), row.toString());
                    denominator = row.ours().matches();
                    // At most 5 matches in each of the 1,1,1 sequences.
                    assertTrue(denominator > 0 && denominator <= Figure5Scan.TOP_K * report.bothSequences(),
                            row.toString());
                }
            }
        }
    }

    @Test
    void markdownShowsBothMaskingsOursBesideTheAuthorsAndTheTimes() {
        String md = report.markdown();
        assertTrue(md.contains("## Masking SYMMETRIC") && md.contains("## Masking AUTHORS"), md);
        assertTrue(md.contains("| method | TAL1_known1 ours | TAL1_known1 authors | GATA_disc1 ours | GATA_disc1 "
                + "authors |"), md);
        assertTrue(md.contains("| DeepLIFT Rescale | "), md);
        assertTrue(md.contains("11.56 % (46 / 398)") && md.contains("3.83 % (12 / 313)"), md);
        assertTrue(md.contains("## Repeated picks under the AUTHORS masking"), md);
        assertTrue(md.contains("| method | task 0 (s) | tasks 0–2 (s) | max summation error, task 0 |"), md);
    }

    @Test
    void jsonHoldsTheRowsAndTheRunsAndAgreesWithTheReport() throws IOException {
        JsonObject json = new JsonParser().parse(Files.readString(out.resolve(Figure5Report.JSON))).getAsJsonObject();
        assertEquals(12, json.get("sequences").getAsInt());
        JsonArray rows = json.getAsJsonArray("rows");
        assertEquals(report.rows().size(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonObject r = rows.get(i).getAsJsonObject();
            Figure5Row row = report.rows().get(i);
            assertEquals(row.motif(), r.get("motif").getAsString());
            assertEquals(row.masking().name(), r.get("masking").getAsString());
            assertEquals(row.ours().falseNegatives(), r.get("falseNegatives").getAsInt());
            assertEquals(row.ours().matches(), r.get("matches").getAsInt());
            assertNotNull(r.get("authorsPercent"));
            assertEquals(row.distinct().matches(), r.get("matchesDistinct").getAsInt());
        }
        JsonArray runs = json.getAsJsonArray("methods");
        assertEquals(METHODS.size(), runs.size());
        for (int i = 0; i < runs.size(); i++) {
            JsonObject r = runs.get(i).getAsJsonObject();
            assertEquals(METHODS.get(i), r.get("method").getAsString());
            assertEquals(TalGataData.TASKS, r.getAsJsonArray("secondsPerTask").size());
            assertTrue(r.get("secondsTotal").getAsDouble() > 0);
        }
        // Rescale sums to delta; the gradient does not.
        assertTrue(report.runs().get(0).maxSummationError()[0] < 1e-4);
        assertTrue(report.runs().get(1).maxSummationError()[0] > 1e-2);
    }

    @Test
    void writesEveryPicture() throws IOException {
        for (Path file : TalGataFigure5.expectedFiles(out, METHODS, MOTIFS)) {
            assertTrue(Files.size(file) > 0, file.toString());
            if (file.toString().endsWith(".png")) {
                BufferedImage image = ImageIO.read(file.toFile());
                assertTrue(image.getWidth() > 200 && image.getHeight() > 200, file.toString());
            }
        }
        assertTrue(Files.readString(out.resolve(Figure5Report.MARKDOWN)).startsWith("# TAL-GATA"));
    }

    @Test
    void optionsParseAndRefuseUnknownMethods() {
        Figure5Options o = Figure5Options.parse("--sequences", "5", "--methods", "rescale,reveal_cancel", "--seed",
                "3", "--out", "x", "--no-plots");
        assertEquals(new Figure5Options(Path.of("x"), 5, List.of("rescale", "reveal_cancel"), 3L, false), o);
        assertEquals(Figure5Options.DEFAULT_OUT, Figure5Options.parse().out());
        assertThrows(IllegalArgumentException.class, () -> Figure5Options.parse("--bogus"));
        assertThrows(IllegalArgumentException.class, () -> Figure5Methods.select(
                Figure5Methods.all(TalGataModel.load(), 1L), List.of("no_such_method")));
    }
}
