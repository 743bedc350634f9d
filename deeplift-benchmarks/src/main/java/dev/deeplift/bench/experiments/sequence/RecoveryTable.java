package dev.deeplift.bench.experiments.sequence;

import java.util.List;
import java.util.Locale;

/**
 * The experiment's Markdown table: a row per method, and per model three columns, the mean share of planted
 * positions in the top k, the share of sequences whose top k are all planted positions, and the share with both
 * motifs in the top k; then the seconds and the largest summation-to-delta error per model. A last row gives what
 * random scores achieve.
 */
public final class RecoveryTable {
    private RecoveryTable() {
    }

    /**
     * The table.
     *
     * @param results one per model, each with the same methods in the same order
     */
    public static String markdown(MotifPairTask task, List<ModelRecovery> results) {
        if (results.isEmpty()) {
            throw new IllegalArgumentException("No results");
        }
        int k = task.plantedPositions();
        StringBuilder md = new StringBuilder("| Method |");
        for (ModelRecovery r : results) {
            String m = r.model().model().label();
            md.append(" ").append(m).append(": planted in top ").append(k).append(" |")
                    .append(" ").append(m).append(": all ").append(k).append(" on top |")
                    .append(" ").append(m).append(": both motifs in top ").append(k).append(" |");
        }
        md.append(" seconds (").append(models(results)).append(") |");
        md.append(" max \\|Σ − Δ\\| (").append(models(results)).append(") |\n|---|");
        md.append("---:|---:|---:|".repeat(results.size())).append("---:|---:|\n");
        List<MethodRecovery> first = results.get(0).methods();
        for (int j = 0; j < first.size(); j++) {
            md.append("| ").append(first.get(j).label()).append(" |");
            StringBuilder seconds = new StringBuilder();
            StringBuilder errors = new StringBuilder();
            for (ModelRecovery r : results) {
                MethodRecovery m = r.methods().get(j);
                if (!m.method().equals(first.get(j).method())) {
                    throw new IllegalArgumentException("The models' methods differ: " + m.method() + " vs "
                            + first.get(j).method());
                }
                md.append(String.format(Locale.ROOT, " %.1f %% | %.1f %% | %.1f %% |", 100 * m.recall(),
                        100 * m.allPlanted(), 100 * m.bothMotifs()));
                seconds.append(seconds.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.1f",
                        m.seconds()));
                errors.append(errors.length() == 0 ? "" : " / ").append(String.format(Locale.ROOT, "%.2g",
                        m.maxSummationError()));
            }
            md.append(" ").append(seconds).append(" | ").append(errors).append(" |\n");
        }
        md.append("| random scores (chance) |");
        for (int i = 0; i < results.size(); i++) {
            md.append(String.format(Locale.ROOT, " %.1f %% | %.2g %% | %.1f %% |",
                    100 * PlantedRecovery.chanceRecall(k, task.length()),
                    100 * PlantedRecovery.chanceAllPlanted(k, task.length()),
                    100 * PlantedRecovery.chanceBothMotifs(task.motifA().length(), task.motifB().length(),
                            task.length())));
        }
        md.append(" | |\n");
        return md.toString();
    }

    private static String models(List<ModelRecovery> results) {
        return String.join(" / ", results.stream().map(r -> r.model().model().label()).toList());
    }
}
