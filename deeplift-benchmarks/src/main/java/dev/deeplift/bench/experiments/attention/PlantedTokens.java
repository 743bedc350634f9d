package dev.deeplift.bench.experiments.attention;

import dev.deeplift.plot.Figure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The planted-token experiment end to end: samples the task ({@link PlantedTokenTask}), trains the attention model
 * ({@link AttentionClassifier}), explains the held-out sequences holding both planted tokens with every method
 * ({@link PlantedTokenExperiment}) and writes {@code planted-tokens.md} (the table) and {@code planted-tokens.png}
 * (hit rates and one example) to the output folder.
 *
 * <p>Usage, from the repository root:
 * <pre>
 * java -cp ... dev.deeplift.bench.experiments.attention.PlantedTokens [--out deeplift-benchmarks/out/attention]
 *     [--train 3000] [--test 600] [--epochs 6] [--seed 42]
 * </pre>
 */
public final class PlantedTokens {
    private PlantedTokens() {
    }

    /** The outcome of a run. */
    public record Run(double testAccuracy, double trainSeconds, int explained, List<MethodHits> results) {
    }

    /** Runs the experiment; see the class comment for the arguments. */
    public static void main(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        Run run = run(Path.of(o.getOrDefault("out", "deeplift-benchmarks/out/attention")),
                Integer.parseInt(o.getOrDefault("train", "3000")), Integer.parseInt(o.getOrDefault("test", "600")),
                Integer.parseInt(o.getOrDefault("epochs", "6")), Long.parseLong(o.getOrDefault("seed", "42")));
        System.out.println(table(run));
    }

    /** Samples, trains, explains and writes the table and the figure to {@code out}. */
    public static Run run(Path out, int trainSize, int testSize, int epochs, long seed) {
        PlantedTokenTask.Sequences train = PlantedTokenTask.sample(trainSize, seed);
        PlantedTokenTask.Sequences test = PlantedTokenTask.sample(testSize, seed + 1);
        long start = System.nanoTime();
        ComputationGraph graph = AttentionClassifier.of(epochs, seed).train(train);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        double accuracy = AttentionClassifier.accuracy(graph, test);
        PlantedTokenTask.Sequences positives = test.select(test.positives());
        PlantedTokenTask.Sequences background = train.select(java.util.stream.IntStream
                .range(0, Math.min(PlantedTokenExperiment.BACKGROUND, train.size())).toArray());
        List<MethodHits> results = PlantedTokenExperiment.run(graph, positives, background);
        Run run = new Run(accuracy, trainSeconds, positives.size(), results);
        write(out, run, graph, positives, background);
        return run;
    }

    /** The README-ready table. */
    public static String table(Run run) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Trained in %.0f s; test accuracy %.3f; %d held-out sequences with both "
                + "planted tokens explained (target: the logit of class 1; k = the number of planted positions, "
                + "2 to 6).%n%n",
                run.trainSeconds(), run.testAccuracy(), run.explained()));
        sb.append("| Method | All planted positions in the top k | Recall at k | An A and a B in the top 2 "
                + "| Planted share of positive score | Max summation error | Time (s) |\n"
                + "|---|---|---|---|---|---|---|\n");
        for (MethodHits r : run.results()) {
            sb.append(String.format(Locale.ROOT, "| %s | %.1f%% | %.3f | %.1f%% | %.3f | %.2g | %.1f |%n",
                    r.method(), 100 * r.allInTopK(), r.recallAtK(), 100 * r.bothTokensInTop2(),
                    r.meanPlantedShare(), r.maxSummationError(), r.seconds()));
        }
        return sb.toString();
    }

    private static void write(Path out, Run run, ComputationGraph graph, PlantedTokenTask.Sequences positives,
                              PlantedTokenTask.Sequences background) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("planted-tokens.md"), table(run), StandardCharsets.UTF_8);
            PlantedTokenTask.Sequences first = positives.select(new int[] {0});
            List<double[]> rows = new ArrayList<>();
            int[] targets = {1};
            for (PlantedTokenExperiment.Method m : PlantedTokenExperiment.methods(graph, background)) {
                rows.add(TopTokens.positionScores(m.explain().apply(first.oneHot(DataType.FLOAT), targets)
                        .scores())[0]);
            }
            Figure f = PlantedTokenFigure.render(run.results(), first.tokens()[0], rows, first.planted()[0]);
            f.save(out.resolve("planted-tokens.png"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results to " + out, e);
        }
    }
}
