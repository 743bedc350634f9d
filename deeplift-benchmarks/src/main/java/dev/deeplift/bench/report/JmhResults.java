package dev.deeplift.bench.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the file JMH writes with {@code -rf json -rff FILE}: an array with one object per benchmark result. */
public final class JmhResults {
    /** The gc profiler's allocation per operation, without JMH's leading {@code ·} (written differently by versions). */
    static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";

    private JmhResults() {
    }

    /** The results in a JSON file. */
    public static List<JmhResult> read(Path json) throws IOException {
        try (Reader reader = Files.newBufferedReader(json, StandardCharsets.UTF_8)) {
            return parse(reader);
        }
    }

    /** The results in JMH's JSON. */
    public static List<JmhResult> parse(Reader json) {
        JsonElement root = new JsonParser().parse(json);
        if (!root.isJsonArray()) {
            throw new IllegalArgumentException("Not a JMH JSON result file: the top level is not an array");
        }
        List<JmhResult> results = new ArrayList<>();
        for (JsonElement e : (JsonArray) root) {
            results.add(result(e.getAsJsonObject()));
        }
        return results;
    }

    private static JmhResult result(JsonObject o) {
        String benchmark = o.get("benchmark").getAsString();
        int dot = benchmark.lastIndexOf('.');
        Map<String, String> params = new LinkedHashMap<>();
        if (o.has("params")) {
            for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("params").entrySet()) {
                params.put(p.getKey(), p.getValue().getAsString());
            }
        }
        JsonObject primary = o.getAsJsonObject("primaryMetric");
        double millis = toMillisPerOp(primary.get("score").getAsDouble(), primary.get("scoreUnit").getAsString(),
                benchmark);
        double allocation = Double.NaN;
        if (o.has("secondaryMetrics")) {
            for (Map.Entry<String, JsonElement> m : o.getAsJsonObject("secondaryMetrics").entrySet()) {
                if (m.getKey().replace("\u00b7", "").equals(ALLOCATION_METRIC)) {
                    allocation = m.getValue().getAsJsonObject().get("score").getAsDouble();
                }
            }
        }
        return new JmhResult(benchmark.substring(0, Math.max(dot, 0)), benchmark.substring(dot + 1), params, millis,
                allocation);
    }

    /** A score in a unit like {@code us/op} (time per operation) or {@code ops/s} (throughput) as ms per operation. */
    static double toMillisPerOp(double score, String unit, String benchmark) {
        String[] parts = unit.split("/");
        if (parts.length == 2 && parts[1].equals("op")) {
            return score * millis(parts[0], unit, benchmark);
        }
        if (parts.length == 2 && parts[0].equals("ops")) {
            return millis(parts[1], unit, benchmark) / score;
        }
        throw new IllegalArgumentException(benchmark + ": unknown score unit " + unit
                + " (expected time per operation such as ms/op, or throughput such as ops/s)");
    }

    private static double millis(String timeUnit, String unit, String benchmark) {
        return switch (timeUnit) {
            case "ns" -> 1e-6;
            case "us" -> 1e-3;
            case "ms" -> 1.0;
            case "s" -> 1e3;
            case "min" -> 60e3;
            default -> throw new IllegalArgumentException(benchmark + ": unknown time unit in score unit " + unit);
        };
    }
}
