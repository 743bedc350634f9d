package dev.deeplift.bench.talgata;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.deeplift.bench.talgata.MatchMasking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The results of a Figure 5 run as a Markdown report and a JSON file: per masking, the false-negative table (our
 * percentage and count beside the authors'), then the time and the summation-to-delta error of each method.
 *
 * @param sequences     the sequences scored
 * @param bothSequences of those, the ones labelled 1,1,1, whose matches are counted
 * @param topK          matches per sequence and motif
 * @param motifs        the motifs in column order
 * @param rows          one per motif, masking and method
 * @param runs          one per method
 */
public record Figure5Report(int sequences, int bothSequences, int topK, List<String> motifs, List<Figure5Row> rows,
                            List<MethodRun> runs) {
    /** The file names written by {@link #write(Path)}. */
    public static final String MARKDOWN = "figure5.md";
    /** The JSON file's name. */
    public static final String JSON = "figure5.json";

    /** Copies the lists. */
    public Figure5Report {
        motifs = List.copyOf(motifs);
        rows = List.copyOf(rows);
        runs = List.copyOf(runs);
    }

    /** The row of a motif, masking and method, if there is one. */
    public Optional<Figure5Row> row(String motif, MatchMasking masking, String method) {
        return rows.stream().filter(r -> r.motif().equals(motif) && r.masking() == masking
                && r.method().equals(method)).findFirst();
    }

    /** The methods' keys in row order. */
    public List<String> methods() {
        return runs.stream().map(MethodRun::method).toList();
    }

    /** Writes {@value #MARKDOWN} and {@value #JSON} into {@code dir} (created if needed). */
    public void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKDOWN), markdown(), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(JSON), json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the Figure 5 report into " + dir, e);
        }
    }

    /** The Markdown report. */
    public String markdown() {
        StringBuilder out = new StringBuilder();
        out.append("# TAL-GATA false negatives (the DeepLIFT paper's Figure 5)\n\n")
                .append(sequences).append(" test sequences, ").append(bothSequences)
                .append(" labelled 1,1,1. Counted: the top ").append(topK)
                .append(" matches per sequence and motif with log-odds ≥ ")
                .append(fmt(FalseNegatives.LOG_ODDS_THRESHOLD, 0)).append(" in the 1,1,1 sequences; a false ")
                .append("negative has a summed task-0 score ≤ 0 over the match. Each cell: percentage ")
                .append("(false negatives / matches).\n");
        for (MatchMasking masking : MatchMasking.values()) {
            out.append("\n## Masking ").append(masking).append(masking == MatchMasking.AUTHORS
                    ? " (the authors' top-k picking, quirks included)" : " (±⌊w/2⌋ around each pick)")
                    .append("\n\n");
            table(out, masking);
        }
        repeats(out);
        out.append("\n## Time and summation-to-delta per method\n\n")
                .append("Wall-clock seconds for all ").append(sequences).append(" sequences, one task per pass; ")
                .append("largest |Σ scores − Δlogit| for task 0 (gradient-based methods are not expected to sum ")
                .append("to delta).\n\n")
                .append("| method | task 0 (s) | tasks 0–2 (s) | max summation error, task 0 |\n")
                .append("|---|---:|---:|---:|\n");
        for (MethodRun run : runs) {
            out.append("| ").append(run.label()).append(" | ").append(fmt(run.seconds()[0], 2)).append(" | ")
                    .append(fmt(run.totalSeconds(), 2)).append(" | ")
                    .append(String.format(Locale.ROOT, "%.2e", run.maxSummationError()[0])).append(" |\n");
        }
        return out.toString();
    }

    private void table(StringBuilder out, MatchMasking masking) {
        out.append("| method |");
        for (String motif : motifs) {
            out.append(' ').append(motif).append(" ours | ").append(motif).append(" authors |");
        }
        out.append("\n|---|");
        out.append("---:|".repeat(2 * motifs.size())).append('\n');
        for (MethodRun run : runs) {
            out.append("| ").append(run.label()).append(" |");
            for (String motif : motifs) {
                Optional<Figure5Row> row = row(motif, masking, run.method());
                out.append(' ').append(row.map(r -> cell(r.ours().percent(), r.ours().falseNegatives(),
                        r.ours().matches())).orElse("–")).append(" |");
                out.append(' ').append(row.flatMap(Figure5Row::authors).map(a -> cell(a.percent(),
                        a.falseNegatives(), a.matches())).orElse("–")).append(" |");
            }
            out.append('\n');
        }
    }

    /** The AUTHORS counts split into distinct matches and repeated picks of the same match. */
    private void repeats(StringBuilder out) {
        out.append("\n## Repeated picks under the AUTHORS masking\n\n")
                .append("A pick starting before ⌊w/2⌋ masks nothing, so it is picked again at every later rank ")
                .append("and counted once per pick. Each cell: false negatives / matches, all picks = each ")
                .append("distinct match once + the repeats.\n\n| method |");
        for (String motif : motifs) {
            out.append(' ').append(motif).append(" |");
        }
        out.append("\n|---|").append("---:|".repeat(motifs.size())).append('\n');
        for (MethodRun run : runs) {
            out.append("| ").append(run.label()).append(" |");
            for (String motif : motifs) {
                out.append(' ').append(row(motif, MatchMasking.AUTHORS, run.method()).map(r -> {
                    FalseNegatives all = r.ours();
                    FalseNegatives once = r.distinct();
                    return all.falseNegatives() + " / " + all.matches() + " = " + once.falseNegatives() + " / "
                            + once.matches() + " + " + (all.falseNegatives() - once.falseNegatives()) + " / "
                            + (all.matches() - once.matches());
                }).orElse("–")).append(" |");
            }
            out.append('\n');
        }
    }

    private static String cell(double percent, int count, int matches) {
        return (Double.isNaN(percent) ? "–" : fmt(percent, 2) + " %") + " (" + count + " / " + matches + ")";
    }

    private static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** The JSON document: settings, rows and method runs. */
    public String json() {
        JsonObject root = new JsonObject();
        root.addProperty("sequences", sequences);
        root.addProperty("sequencesLabelled111", bothSequences);
        root.addProperty("topMatchesPerSequence", topK);
        root.addProperty("logOddsThreshold", FalseNegatives.LOG_ODDS_THRESHOLD);
        JsonArray rowArray = new JsonArray();
        for (Figure5Row r : rows) {
            JsonObject o = new JsonObject();
            o.addProperty("motif", r.motif());
            o.addProperty("masking", r.masking().name());
            o.addProperty("method", r.method());
            o.addProperty("label", r.label());
            o.addProperty("falseNegatives", r.ours().falseNegatives());
            o.addProperty("matches", r.ours().matches());
            o.addProperty("percent", finiteOrNull(r.ours().percent()));
            o.addProperty("falseNegativesDistinct", r.distinct().falseNegatives());
            o.addProperty("matchesDistinct", r.distinct().matches());
            r.authors().ifPresent(a -> {
                o.addProperty("authorsFalseNegatives", a.falseNegatives());
                o.addProperty("authorsMatches", a.matches());
                o.addProperty("authorsPercent", a.percent());
                o.addProperty("sameAsAuthors", r.matchesAuthors());
            });
            rowArray.add(o);
        }
        root.add("rows", rowArray);
        JsonArray runArray = new JsonArray();
        for (MethodRun run : runs) {
            JsonObject o = new JsonObject();
            o.addProperty("method", run.method());
            o.addProperty("label", run.label());
            o.add("secondsPerTask", array(run.seconds()));
            o.addProperty("secondsTotal", run.totalSeconds());
            o.add("maxSummationErrorPerTask", array(run.maxSummationError()));
            runArray.add(o);
        }
        root.add("methods", runArray);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(root) + "\n";
    }

    private static Double finiteOrNull(double v) {
        return Double.isFinite(v) ? v : null;
    }

    private static JsonArray array(double[] values) {
        JsonArray a = new JsonArray();
        for (double v : values) {
            a.add(finiteOrNull(v));
        }
        return a;
    }

    /** The rows grouped by masking, then motif, in the report's order (for the bar charts). */
    public Map<MatchMasking, Map<String, List<Figure5Row>>> byMaskingAndMotif() {
        Map<MatchMasking, Map<String, List<Figure5Row>>> out = new LinkedHashMap<>();
        for (MatchMasking masking : MatchMasking.values()) {
            Map<String, List<Figure5Row>> byMotif = new LinkedHashMap<>();
            for (String motif : motifs) {
                List<Figure5Row> list = new ArrayList<>();
                for (String method : methods()) {
                    row(motif, masking, method).ifPresent(list::add);
                }
                byMotif.put(motif, List.copyOf(list));
            }
            out.put(masking, byMotif);
        }
        return out;
    }

    @Override
    public String toString() {
        return "Figure5Report[" + sequences + " sequences, " + rows.size() + " rows, methods " + methods() + "]";
    }
}
