package dev.deeplift.bench.talgata;

import dev.deeplift.bench.talgata.MatchMasking;
import dev.deeplift.bench.talgata.MotifMatch;
import dev.deeplift.bench.talgata.MotifPwm;
import dev.deeplift.plot.Figure;
import dev.deeplift.plot.Grid;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws the Figure 5 pictures of a run, as the authors' notebook lays them out: for each motif, its top matches
 * with log-odds {@code > 0} (x) against each method's summed score over them (y) for tasks 0, 1 and 2, coloured
 * by sequence class. The y axis of the task a motif is irrelevant to (task 2 for GATA1, task 1 for TAL1) uses the
 * task-0 scale, so that false positives show; the task a motif drives alone gets {@code −0.1·max .. 1.1·max},
 * the others {@code −0.4·max .. 1.1·max}.
 *
 * <p>Files: {@code scatter_<method>.png} (rows: tasks, columns: motifs), {@code figure5_<motif>.png} (rows: tasks,
 * columns: methods), and {@code false_negatives_<masking>.png} (bar charts, ours beside the authors').
 */
final class Figure5Plots {
    private static final String[] TASK_MEANINGS = {"both", "has GATA1", "has TAL1"};

    private final List<MotifPwm> motifs;
    private final Map<String, List<List<MotifMatch>>> matches;
    private final List<SequenceClass> classes;
    private final List<MethodRun> runs;
    private final Map<String, PositionScores[]> scores;

    /**
     * @param motifs  the motifs, in column order
     * @param matches per motif name, each sequence's top matches (the figure uses one masking)
     * @param classes each sequence's class
     * @param runs    the methods, in order
     * @param scores  per method key, the position scores of tasks 0, 1, 2
     */
    Figure5Plots(List<MotifPwm> motifs, Map<String, List<List<MotifMatch>>> matches, List<SequenceClass> classes,
                 List<MethodRun> runs, Map<String, PositionScores[]> scores) {
        this.motifs = motifs;
        this.matches = matches;
        this.classes = classes;
        this.runs = runs;
        this.scores = scores;
    }

    /** Writes every picture into {@code dir}; returns the files written. */
    List<Path> write(Path dir, Figure5Report report) {
        List<Path> files = new ArrayList<>();
        for (MethodRun run : runs) {
            Grid grid = Grid.of(motifs.size());
            for (int task = 0; task < TalGataData.TASKS; task++) {
                for (MotifPwm motif : motifs) {
                    grid = grid.with(motif.name() + ", task " + task, panel(motif, run.method(), task));
                }
            }
            grid = grid.with("", MatchScatter.legend());
            files.add(grid.render().save(dir.resolve(scatterFile(run.method()))));
        }
        for (MotifPwm motif : motifs) {
            Grid grid = Grid.of(runs.size());
            for (int task = 0; task < TalGataData.TASKS; task++) {
                for (MethodRun run : runs) {
                    grid = grid.with(run.label() + ", task " + task, panel(motif, run.method(), task));
                }
            }
            grid = grid.with("", MatchScatter.legend());
            files.add(grid.render().save(dir.resolve(overviewFile(motif.name()))));
        }
        for (Map.Entry<MatchMasking, Map<String, List<Figure5Row>>> e : report.byMaskingAndMotif().entrySet()) {
            Grid grid = Grid.of(1);
            for (Map.Entry<String, List<Figure5Row>> m : e.getValue().entrySet()) {
                grid = grid.with(m.getKey() + ", " + e.getKey() + " masking",
                        FalseNegativeBars.render(m.getValue()));
            }
            files.add(grid.render().save(dir.resolve(barsFile(e.getKey()))));
        }
        return files;
    }

    /** The file of one method's scatter plots. */
    static String scatterFile(String method) {
        return "scatter_" + method + ".png";
    }

    /** The file of one motif's figure, every method side by side. */
    static String overviewFile(String motif) {
        return "figure5_" + motif + ".png";
    }

    /** The file of the bar charts of one masking. */
    static String barsFile(MatchMasking masking) {
        return "false_negatives_" + masking.name().toLowerCase(Locale.ROOT) + ".png";
    }

    /** One scatter panel. */
    Figure panel(MotifPwm motif, String method, int task) {
        List<MatchPoint> points = points(motif, method, task);
        double yMax = maxAbs(task == offTask(motif) ? points(motif, method, 0) : points);
        double yMin = task == onTask(motif) ? -0.1 * yMax : -0.4 * yMax;
        double xMax = 1.1 * Math.max(1, points.stream().mapToDouble(MatchPoint::logOdds).max().orElse(1));
        return MatchScatter.render(points, xMax, yMin, 1.1 * yMax, motif.name() + " log-odds",
                "task " + task + " (" + TASK_MEANINGS[task] + ") score");
    }

    /** The matches with log-odds {@code > 0} (the authors leave out the rest: noisy, and not motif-like). */
    List<MatchPoint> points(MotifPwm motif, String method, int task) {
        PositionScores s = scores.get(method)[task];
        List<MatchPoint> out = new ArrayList<>();
        List<List<MotifMatch>> perSequence = matches.get(motif.name());
        for (int i = 0; i < perSequence.size(); i++) {
            for (MotifMatch m : perSequence.get(i)) {
                if (m.logOdds() > 0) {
                    out.add(new MatchPoint(m.logOdds(), s.window(i, m.start(), motif.width()), classes.get(i)));
                }
            }
        }
        return out;
    }

    private static double maxAbs(List<MatchPoint> points) {
        double max = points.stream().mapToDouble(p -> Math.abs(p.score())).max().orElse(0);
        return max > 0 ? max : 1;
    }

    /** The task the motif alone drives: GATA1 task 1, TAL1 task 2. */
    private static int onTask(MotifPwm motif) {
        return TalGataMotifs.GATA.equals(motif.name()) ? 1 : 2;
    }

    /** The task the motif is irrelevant to: GATA1 task 2, TAL1 task 1. */
    private static int offTask(MotifPwm motif) {
        return TalGataMotifs.GATA.equals(motif.name()) ? 2 : 1;
    }
}
