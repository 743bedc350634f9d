package dev.deeplift.bench.experiments.mnist;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.Locale;
import java.util.Map;

/**
 * The experiment's results as text: a Markdown table with a row per method and, per target class, the median and
 * quartiles of the log-odds increase and the mean number of pixels erased; and a JSON document with the same
 * summaries, every image's value, and whatever run information the caller adds.
 */
public final class Figure4Table {
    private Figure4Table() {
    }

    /**
     * The Markdown table: a header row, a separator row, then one row per method in the result's order. Each cell
     * of a target column reads {@code median [Q1, Q3]}, two decimals.
     */
    public static String markdown(Figure4Result result) {
        StringBuilder md = new StringBuilder("| Method |");
        for (int t : result.targets()) {
            md.append(" ").append(result.originalClass()).append(" → ").append(t).append(": median [Q1, Q3] |");
        }
        md.append(" Pixels erased, mean (");
        md.append(String.join(" / ", result.targets().stream()
                .map(t -> result.originalClass() + " → " + t).toList()));
        md.append(") |\n|---|");
        md.append("---:|".repeat(result.targets().size())).append("---:|\n");
        for (String method : result.methods()) {
            md.append("| ").append(method).append(" |");
            StringBuilder erased = new StringBuilder();
            for (int t : result.targets()) {
                MethodOutcome o = result.outcome(method, t);
                Quartiles q = o.summary();
                md.append(String.format(Locale.ROOT, " %.2f [%.2f, %.2f] |", q.median(), q.q1(), q.q3()));
                erased.append(erased.length() == 0 ? "" : " / ")
                        .append(String.format(Locale.ROOT, "%.1f", o.meanErasedPixels()));
            }
            md.append(" ").append(erased).append(" |\n");
        }
        return md.toString();
    }

    /**
     * The JSON document: {@code run} (the given information), {@code originalClass}, {@code targets},
     * {@code images}, and {@code results}, one object per method and target with the summary of its log-odds
     * increases, the mean pixels erased, and every image's increase.
     *
     * @param run what to record about the run (numbers, strings or booleans), in its iteration order
     */
    public static String json(Figure4Result result, Map<String, ?> run) {
        JsonObject root = new JsonObject();
        JsonObject info = new JsonObject();
        run.forEach((k, v) -> {
            if (v instanceof Number n) {
                info.addProperty(k, Double.isFinite(n.doubleValue()) ? n : null);
            } else if (v instanceof Boolean b) {
                info.addProperty(k, b);
            } else {
                info.addProperty(k, String.valueOf(v));
            }
        });
        root.add("run", info);
        root.addProperty("originalClass", result.originalClass());
        JsonArray targets = new JsonArray();
        result.targets().forEach(targets::add);
        root.add("targets", targets);
        root.addProperty("images", result.images());
        JsonArray results = new JsonArray();
        for (MethodOutcome o : result.outcomes()) {
            Quartiles q = o.summary();
            JsonObject r = new JsonObject();
            r.addProperty("method", o.method());
            r.addProperty("target", o.target());
            r.addProperty("count", q.count());
            r.addProperty("min", q.min());
            r.addProperty("q1", q.q1());
            r.addProperty("median", q.median());
            r.addProperty("q3", q.q3());
            r.addProperty("max", q.max());
            r.addProperty("mean", q.mean());
            r.addProperty("meanErasedPixels", o.meanErasedPixels());
            JsonArray values = new JsonArray();
            for (double v : o.logOddsIncrease()) {
                values.add(v);
            }
            r.add("logOddsIncrease", values);
            results.add(r);
        }
        root.add("results", results);
        return new GsonBuilder().setPrettyPrinting().create().toJson(root) + "\n";
    }
}
