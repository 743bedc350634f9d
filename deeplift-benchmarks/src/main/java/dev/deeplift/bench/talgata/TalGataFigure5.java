package dev.deeplift.bench.talgata;

import dev.deeplift.core.Attribution;
import dev.deeplift.bench.talgata.MatchMasking;
import dev.deeplift.bench.talgata.MotifMatch;
import dev.deeplift.bench.talgata.MotifPwm;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The DeepLIFT paper's genomics experiment (Figure 5) on the authors' trained TAL-GATA model and test set.
 *
 * <p>Every method of {@link Figure5Methods} scores the 800 test sequences (one-hot, channels last) for tasks 0, 1
 * and 2, relative to the background (0.3, 0.2, 0.2, 0.3) at every position; a position's score is the sum over its
 * four channels. {@link Figure5Scan} finds the top 5 matches of TAL1_known1 and GATA_disc1 in every sequence,
 * with both maskings. Among the sequences labelled 1,1,1, the matches with log-odds {@code ≥ 7} whose summed task-0
 * score is {@code ≤ 0} are the false negatives ({@link FalseNegatives}), compared with the authors' table
 * ({@link AuthorsFigure5}).
 *
 * <p>Writes to {@code deeplift-benchmarks/out/talgata/} (or {@code --out}): {@code figure5.md} and
 * {@code figure5.json} (the table, the times, the summation-to-delta errors), and the scatter plots and bar
 * charts as PNGs.
 * Run from the repository root:
 *
 * <pre>
 * mvn -q -B -pl deeplift-benchmarks -am compile dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
 * java -cp deeplift-benchmarks/target/classes:$(cat deeplift-benchmarks/target/classpath.txt) \
 *     dev.deeplift.bench.talgata.TalGataFigure5 [--sequences N] [--methods rescale,grad_times_inp] [--out DIR]
 * </pre>
 */
public final class TalGataFigure5 {
    /** Sequences explained, untimed, before each method is timed: ND4J and the JIT warm up on them. */
    private static final int WARM_UP_SEQUENCES = 8;

    private TalGataFigure5() {
    }

    /** Runs the experiment with the options {@link Figure5Options#parse} reads from {@code args}. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        Figure5Report report = run(Figure5Options.parse(args));
        System.out.print(report.markdown());
    }

    /** Runs the experiment, writes its files into {@code options.out()} and returns the report. */
    public static Figure5Report run(Figure5Options options) {
        TalGataData data = TalGataData.loadTestSet();
        int n = options.sequences() == 0 ? data.size() : Math.min(options.sequences(), data.size());
        INDArray x = data.oneHot().get(NDArrayIndex.interval(0, n), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        List<SequenceClass> classes = classes(data, n);
        MultiLayerNetwork net = TalGataModel.load();
        List<Figure5Method> all = Figure5Methods.all(net, options.seed());
        List<Figure5Method> methods = options.methods().isEmpty() ? all
                : Figure5Methods.select(all, options.methods());

        Map<String, PositionScores[]> scores = new LinkedHashMap<>();
        List<MethodRun> runs = new ArrayList<>();
        for (Figure5Method method : methods) {
            PositionScores[] byTask = new PositionScores[TalGataData.TASKS];
            runs.add(score(method, x, byTask));
            scores.put(method.key(), byTask);
        }

        List<MotifPwm> motifs = List.of(TalGataMotifs.tal1(), TalGataMotifs.gata());
        List<Figure5Row> rows = new ArrayList<>();
        Map<MatchMasking, Map<String, List<List<MotifMatch>>>> matches = new LinkedHashMap<>();
        for (MatchMasking masking : MatchMasking.values()) {
            Map<String, List<List<MotifMatch>>> byMotif = new LinkedHashMap<>();
            for (MotifPwm motif : motifs) {
                List<List<MotifMatch>> top = Figure5Scan.topMatches(x, motif, masking);
                List<List<MotifMatch>> distinct = DistinctMatches.of(top);
                byMotif.put(motif.name(), top);
                for (Figure5Method method : methods) {
                    PositionScores task0 = scores.get(method.key())[0];
                    rows.add(new Figure5Row(motif.name(), masking, method.key(), method.label(),
                            countFalseNegatives(top, task0, motif, classes),
                            countFalseNegatives(distinct, task0, motif, classes),
                            AuthorsFigure5.of(motif.name(), method.key())));
                }
            }
            matches.put(masking, byMotif);
        }
        int both = (int) classes.stream().filter(c -> c == SequenceClass.BOTH).count();
        Figure5Report report = new Figure5Report(n, both, Figure5Scan.TOP_K,
                motifs.stream().map(MotifPwm::name).toList(), rows, runs);
        report.write(options.out());
        if (options.plots()) {
            // The figures use the authors' masking: the points are then the ones their notebook plotted.
            new Figure5Plots(motifs, matches.get(MatchMasking.AUTHORS), classes, runs, scores)
                    .write(options.out(), report);
        }
        return report;
    }

    /** Scores every task with one method, timing each pass over all the sequences. */
    private static MethodRun score(Figure5Method method, INDArray x, PositionScores[] byTask) {
        int warm = (int) Math.min(WARM_UP_SEQUENCES, x.size(0));
        method.scorer().explain(x.get(NDArrayIndex.interval(0, warm), NDArrayIndex.all(), NDArrayIndex.all()).dup(),
                0);
        double[] seconds = new double[TalGataData.TASKS];
        double[] errors = new double[TalGataData.TASKS];
        for (int task = 0; task < TalGataData.TASKS; task++) {
            long start = System.nanoTime();
            Attribution a = method.scorer().explain(x, task);
            byTask[task] = PositionScores.sumChannels(a.scores());
            seconds[task] = (System.nanoTime() - start) / 1e9;
            errors[task] = a.maxPairSummationError();
        }
        System.out.printf(Locale.ROOT, "%-36s %7.2f s for tasks 0-2 (task 0: %.2f s), max summation error %.2e%n",
                method.label(), seconds[0] + seconds[1] + seconds[2], seconds[0], errors[0]);
        return new MethodRun(method.key(), method.label(), seconds, errors);
    }

    /** The paper's count: matches with log-odds ≥ 7 in the sequences labelled 1,1,1, scored ≤ 0 for task 0. */
    private static FalseNegatives countFalseNegatives(List<List<MotifMatch>> matches, PositionScores task0,
                                                      MotifPwm motif, List<SequenceClass> classes) {
        return FalseNegatives.count(matches, task0, motif.width(), FalseNegatives.LOG_ODDS_THRESHOLD,
                i -> classes.get(i) == SequenceClass.BOTH);
    }

    private static List<SequenceClass> classes(TalGataData data, int n) {
        INDArray labels = data.labels();
        List<SequenceClass> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(SequenceClass.of(labels.getRow(i).toFloatVector()));
        }
        return List.copyOf(out);
    }

    /** The files a run writes for its methods and motifs. */
    static List<Path> expectedFiles(Path dir, List<String> methods, List<String> motifs) {
        List<Path> files = new ArrayList<>();
        files.add(dir.resolve(Figure5Report.MARKDOWN));
        files.add(dir.resolve(Figure5Report.JSON));
        methods.forEach(m -> files.add(dir.resolve(Figure5Plots.scatterFile(m))));
        motifs.forEach(m -> files.add(dir.resolve(Figure5Plots.overviewFile(m))));
        for (MatchMasking masking : MatchMasking.values()) {
            files.add(dir.resolve(Figure5Plots.barsFile(masking)));
        }
        return files;
    }
}
