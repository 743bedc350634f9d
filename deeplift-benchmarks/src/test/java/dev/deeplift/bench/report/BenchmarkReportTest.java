package dev.deeplift.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Markdown report of a small hand-written JMH result file (report/jmh-results.json). */
class BenchmarkReportTest {

    private static Path fixture() throws URISyntaxException {
        return Path.of(BenchmarkReportTest.class.getResource("/report/jmh-results.json").toURI());
    }

    private static List<String> lines(String report) {
        return report.lines().toList();
    }

    @Test
    void readsScoresInMillisecondsParametersAndAllocation() throws Exception {
        List<JmhResult> results = JmhResults.read(fixture());
        assertEquals(13, results.size());
        JmhResult first = results.get(0);
        assertEquals("dev.deeplift.bench.ExplainerVsGradientBenchmark", first.benchmarkClass());
        assertEquals("dl4jOutput", first.method());
        assertEquals("CNN", first.params().get("model"));
        assertEquals("32", first.params().get("batch"));
        assertEquals(30.0, first.millisPerOp(), 1e-12, "30000 us/op");
        assertEquals(112.0, results.get(1).millisPerOp(), 1e-9, "0.112 s/op");
        assertFalse(first.hasAllocation());
        assertEquals(409600.0, results.get(11).allocatedBytesPerOp());
    }

    @Test
    void timeTableHasARowPerSettingAndRatiosToTheDl4jGradient() throws Exception {
        List<String> report = lines(BenchmarkReport.markdown(JmhResults.read(fixture())));
        int header = report.indexOf("| model | batch | DL4J forward (output) | DL4J gradient (calculateGradients) | "
                + "DL4J computeGradientAndScore | RESCALE | RESCALE per-example ref | REVEAL_CANCEL | IG-50 | "
                + "deepShap10 |");
        assertTrue(header > 0, String.join("\n", report));
        // Models in the order the run produced them, batches ascending; missing results are empty cells.
        assertEquals("| CNN | 32 | 30.0 (0.27×) | 112 |  | 56.0 (0.50×) |  |  |  |  |", report.get(header + 2));
        assertEquals("| MLP | 32 | 0.500 (0.25×) | 2.00 | 1.80 (0.90×) | 1.00 (0.50×) | 1.50 (0.75×) | 3.00 (1.50×) "
                + "| 90.0 (45×) | 12.5 (6.25×) |", report.get(header + 3));
        assertEquals("| MLP | 256 |  | 8.00 |  | 4.00 (0.50×) |  |  |  |  |", report.get(header + 4));
    }

    @Test
    void allocationTableFollowsWhenTheGcProfilerRan() throws Exception {
        String report = BenchmarkReport.markdown(JmhResults.read(fixture()));
        List<String> lines = lines(report.substring(report.indexOf("## Allocation per operation")));
        assertTrue(lines.contains("| MLP | 32 | 1024 | 4096 | 3072 | 2048 | 2048 | 8192 | 409600 | 51200 |"),
                report);
        assertTrue(lines.contains("| CNN | 32 |  |  |  |  |  |  |  |  |"), report);
    }

    @Test
    void noAllocationTableWithoutTheGcProfiler() {
        String json = "[{\"benchmark\": \"a.B.rescale\", \"mode\": \"avgt\", \"params\": {\"model\": \"MLP\"},"
                + " \"primaryMetric\": {\"score\": 2.5, \"scoreUnit\": \"ms/op\"}, \"secondaryMetrics\": {}}]";
        String report = BenchmarkReport.markdown(JmhResults.parse(new StringReader(json)));
        assertFalse(report.contains("Allocation"), report);
        assertTrue(report.contains("| MLP | 2.50 |"), report);
    }

    @Test
    void twoResultsForOneMethodAndSettingAreRefusedNotMerged() {
        String json = "[" + result("a.CallOverheadBenchmark.rescale") + ", "
                + result("a.CallOverheadBenchmark.NoPhysicalLimit.rescale") + "]";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BenchmarkReport.markdown(JmhResults.parse(new StringReader(json))));
        assertTrue(e.getMessage().contains("rescale") && e.getMessage().contains("NoPhysicalLimit"), e.getMessage());
    }

    private static String result(String benchmark) {
        return "{\"benchmark\": \"" + benchmark + "\", \"mode\": \"avgt\", \"params\": {\"layers\": \"1\"},"
                + " \"primaryMetric\": {\"score\": 2.5, \"scoreUnit\": \"us/op\"}, \"secondaryMetrics\": {}}";
    }

    @Test
    void throughputAndTimeUnitsBecomeMillisecondsPerOperation() {
        assertEquals(0.25, JmhResults.toMillisPerOp(4, "ops/ms", "b"), 1e-12);
        assertEquals(500, JmhResults.toMillisPerOp(2, "ops/s", "b"), 1e-9);
        assertEquals(0.0015, JmhResults.toMillisPerOp(1500, "ns/op", "b"), 1e-15);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhResults.toMillisPerOp(1, "B/op", "x.y"))
                .getMessage().contains("x.y"));
    }

    @Test
    void mainWritesTheReportToAFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("report.md");
        BenchmarkReport.main(new String[] {fixture().toString(), out.toString()});
        assertEquals(BenchmarkReport.markdown(JmhResults.read(fixture())), Files.readString(out));
    }

    @Test
    void numbersKeepThreeSignificantDigits() {
        assertEquals("1234", BenchmarkReport.number(1234.4));
        assertEquals("12.3", BenchmarkReport.number(12.34));
        assertEquals("0.0012", BenchmarkReport.number(0.0012));
        assertEquals("0.97×", BenchmarkReport.ratio(0.966));
        assertEquals("35×", BenchmarkReport.ratio(35.2));
    }
}
