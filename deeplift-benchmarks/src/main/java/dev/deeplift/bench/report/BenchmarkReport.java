package dev.deeplift.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.ToDoubleFunction;

/**
 * Writes a JMH run's JSON results as Markdown: one row per setting of the parameters (model, batch), one column
 * per benchmark method, times in milliseconds per operation with, in brackets, the ratio to DL4J's gradient
 * ({@code dl4jCalculateGradients} at the same setting); then the same table of Java-heap allocation per operation
 * if the run used {@code -prof gc}.
 *
 * <pre>
 * java -cp deeplift-benchmarks/target/benchmarks.jar dev.deeplift.bench.report.BenchmarkReport results.json [out.md]
 * </pre>
 *
 * <p>One file holds one benchmark class in one time-per-operation mode: two results for the same method and
 * setting (two classes such as {@code CallOverheadBenchmark} and its {@code NoPhysicalLimit} variant, or two
 * modes) are refused, never silently merged.
 *
 * <p>Known methods get readable headers in a fixed order; methods it does not know (a benchmark added later) get
 * their own column after them, headed by the method name, so nothing is left out.
 */
public final class BenchmarkReport {
    /** The method every other time is divided by. */
    static final String BASELINE = "dl4jCalculateGradients";

    /** Headers of the known methods, in column order. */
    private static final Map<String, String> HEADERS = new LinkedHashMap<>();

    static {
        HEADERS.put("dl4jOutput", "DL4J forward (output)");
        HEADERS.put(BASELINE, "DL4J gradient (calculateGradients)");
        HEADERS.put("dl4jComputeGradientAndScore", "DL4J computeGradientAndScore");
        HEADERS.put("rescale", "RESCALE");
        HEADERS.put("rescalePerExampleReference", "RESCALE per-example ref");
        HEADERS.put("revealCancel", "REVEAL_CANCEL");
        HEADERS.put("integratedGradients50", "IG-50");
    }

    private BenchmarkReport() {
    }

    /**
     * Reads {@code args[0]} (JMH JSON) and writes the Markdown report to {@code args[1]}, or prints it.
     *
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: BenchmarkReport results.json [report.md]");
            System.exit(2);
        }
        String report = markdown(JmhResults.read(Path.of(args[0])));
        if (args.length == 2) {
            Files.writeString(Path.of(args[1]), report, StandardCharsets.UTF_8);
        } else {
            System.out.print(report);
        }
    }

    /** The Markdown report of a run's results. */
    public static String markdown(List<JmhResult> results) {
        List<String> methods = columns(results);
        Map<Map<String, String>, Map<String, JmhResult>> rows = rows(results);
        List<String> paramNames = paramNames(results);
        StringBuilder out = new StringBuilder();
        out.append("## Time per operation\n\nMilliseconds per operation; in brackets, the ratio to DL4J's gradient ")
                .append("(`").append(BASELINE).append("`) at the same setting.\n\n");
        table(out, paramNames, methods, rows, JmhResult::millisPerOp, true);
        if (results.stream().anyMatch(JmhResult::hasAllocation)) {
            out.append("\n## Allocation per operation\n\nJava heap bytes per operation (`gc.alloc.rate.norm`). "
                    + "ND4J's arrays live off the heap and are not counted.\n\n");
            table(out, paramNames, methods, rows, JmhResult::allocatedBytesPerOp, false);
        }
        return out.toString();
    }

    private static void table(StringBuilder out, List<String> paramNames, List<String> methods,
                              Map<Map<String, String>, Map<String, JmhResult>> rows,
                              ToDoubleFunction<JmhResult> value, boolean withRatios) {
        List<String> header = new ArrayList<>(paramNames);
        methods.forEach(m -> header.add(HEADERS.getOrDefault(m, m)));
        line(out, header);
        line(out, header.stream().map(h -> "---").toList());
        for (Map.Entry<Map<String, String>, Map<String, JmhResult>> row : rows.entrySet()) {
            List<String> cells = new ArrayList<>();
            paramNames.forEach(p -> cells.add(row.getKey().getOrDefault(p, "")));
            JmhResult baseline = row.getValue().get(BASELINE);
            for (String m : methods) {
                JmhResult r = row.getValue().get(m);
                double v = r == null ? Double.NaN : value.applyAsDouble(r);
                if (Double.isNaN(v)) {
                    cells.add("");
                } else if (withRatios && baseline != null && !m.equals(BASELINE)) {
                    cells.add(number(v) + " (" + ratio(v / value.applyAsDouble(baseline)) + ")");
                } else {
                    cells.add(number(v));
                }
            }
            line(out, cells);
        }
    }

    /** Known methods present in the results, in their fixed order, then unknown ones in order of appearance. */
    private static List<String> columns(List<JmhResult> results) {
        Set<String> present = new LinkedHashSet<>();
        results.forEach(r -> present.add(r.method()));
        List<String> columns = new ArrayList<>();
        HEADERS.keySet().stream().filter(present::contains).forEach(columns::add);
        present.stream().filter(m -> !HEADERS.containsKey(m)).forEach(columns::add);
        return columns;
    }

    /**
     * Results grouped by parameter setting, ordered parameter by parameter: numbers ascending, other values (model
     * names) in the order the run produced them, which is their {@code @Param} order.
     */
    private static Map<Map<String, String>, Map<String, JmhResult>> rows(List<JmhResult> results) {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        paramNames(results).forEach(name -> seen.put(name, new ArrayList<>()));
        for (JmhResult r : results) {
            r.params().forEach((name, v) -> {
                List<String> values = seen.computeIfAbsent(name, k -> new ArrayList<>());
                if (!values.contains(v)) {
                    values.add(v);
                }
            });
        }
        Comparator<Map<String, String>> order = (a, b) -> 0;
        for (Map.Entry<String, List<String>> p : seen.entrySet()) {
            List<String> values = p.getValue();
            order = order.thenComparing(m -> m.getOrDefault(p.getKey(), ""), (a, b) -> isNumber(a) && isNumber(b)
                    ? Double.compare(Double.parseDouble(a), Double.parseDouble(b))
                    : Integer.compare(values.indexOf(a), values.indexOf(b)));
        }
        Map<Map<String, String>, Map<String, JmhResult>> rows = new TreeMap<>(order);
        for (JmhResult r : results) {
            JmhResult before = rows.computeIfAbsent(r.params(), k -> new LinkedHashMap<>()).put(r.method(), r);
            if (before != null) {
                // Two classes (a JVM variant) or two modes would share one cell: refuse rather than keep one.
                throw new IllegalArgumentException("Two results for " + r.method() + " at " + r.params() + " ("
                        + before.benchmarkClass() + ", " + r.benchmarkClass() + "): report one benchmark class and "
                        + "one mode per file");
            }
        }
        return rows;
    }

    /** Parameter names, {@code model} and {@code batch} first (JMH writes them alphabetically), then the rest. */
    private static List<String> paramNames(List<JmhResult> results) {
        Set<String> names = new LinkedHashSet<>();
        results.forEach(r -> names.addAll(r.params().keySet()));
        List<String> ordered = new ArrayList<>();
        for (String first : List.of("model", "batch")) {
            if (names.remove(first)) {
                ordered.add(first);
            }
        }
        ordered.addAll(names);
        return ordered;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static void line(StringBuilder out, List<String> cells) {
        out.append("| ").append(String.join(" | ", cells)).append(" |\n");
    }

    /** Three significant digits, without exponents for the sizes a benchmark produces. */
    static String number(double v) {
        double a = Math.abs(v);
        String format = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : a >= 0.01 ? "%.3f" : "%.2g";
        return String.format(Locale.ROOT, format, v);
    }

    static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.0f×" : "%.2f×", r);
    }
}
