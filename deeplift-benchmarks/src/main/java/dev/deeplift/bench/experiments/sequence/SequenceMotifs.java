package dev.deeplift.bench.experiments.sequence;

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

/**
 * The sequence experiment, end to end: draws the {@link MotifPairTask} (train and test sets from fixed seeds), trains
 * an LSTM and a bidirectional LSTM ({@link SequenceTrainer}), runs every method of {@link SequenceMethods} on the
 * positive test sequences each model classifies right, and writes to {@code <out>}: {@code sequence.md} (the
 * accuracies and the table of {@link RecoveryTable}) and {@code sequence.png} ({@link RecoveryFigure}).
 *
 * <pre>
 * java -cp ... dev.deeplift.bench.experiments.sequence.SequenceMotifs [--out deeplift-benchmarks/out/sequence]
 *     [--train 4000] [--test 1000] [--sequences 200] [--epochs 5 (LSTM), 4 (BiLSTM)] [--units 32] [--length 50]
 * </pre>
 * {@code scripts/run-sequence-experiment.sh} builds the modules and runs it.
 */
public final class SequenceMotifs {
    /** Seeds of the training set, the test set and the shuffles. */
    static final long TRAIN_SEED = 1;
    static final long TEST_SEED = 2;
    static final long SHUFFLE_SEED = 3;

    private SequenceMotifs() {
    }

    /** Runs the experiment; see the class comment for the arguments. */
    public static void main(String[] args) {
        Map<String, String> o = options(args);
        Path out = Path.of(o.getOrDefault("out", "deeplift-benchmarks/out/sequence"));
        int trainSize = Integer.parseInt(o.getOrDefault("train", "4000"));
        int testSize = Integer.parseInt(o.getOrDefault("test", "1000"));
        int sequences = Integer.parseInt(o.getOrDefault("sequences", "200"));
        int length = Integer.parseInt(o.getOrDefault("length", Integer.toString(MotifPairTask.DEFAULT_LENGTH)));
        SequenceTrainer defaults = SequenceTrainer.defaults();
        SequenceTrainer trainer = new SequenceTrainer(Integer.parseInt(o.getOrDefault("units",
                Integer.toString(defaults.units()))), Integer.parseInt(o.getOrDefault("epochs",
                Integer.toString(defaults.epochs()))), defaults.batchSize(), defaults.learningRate(), defaults.seed());
        MotifPairTask task = new MotifPairTask(length, MotifPairTask.GATA, MotifPairTask.EBOX);
        String md = run(task, trainer, trainSize, testSize, sequences, out);
        System.out.print(md);
    }

    /** Runs everything and writes the outputs; returns the Markdown written. */
    static String run(MotifPairTask task, SequenceTrainer trainer, int trainSize, int testSize, int sequences,
                      Path out) {
        MotifPairData train = task.generate(trainSize, TRAIN_SEED);
        MotifPairData test = task.generate(testSize, TEST_SEED);
        List<TrainedSequenceModel> trained = new ArrayList<>();
        for (SequenceModel model : SequenceModel.values()) {
            TrainedSequenceModel m = trainer.train(model, train, test);
            System.out.printf(Locale.ROOT, "%s: test accuracy %.4f after %d epochs, %.0f s%n", model.label(),
                    m.testAccuracy(), m.epochs(), m.trainSeconds());
            trained.add(m);
        }
        return report(task, trainer.units(), train.size(), test, trained, sequences, out);
    }

    /**
     * Runs every method on each trained model and writes {@code sequence.md} and {@code sequence.png} to
     * {@code out}; returns the Markdown.
     */
    static String report(MotifPairTask task, int units, int trainSize, MotifPairData test,
                         List<TrainedSequenceModel> trained, int sequences, Path out) {
        List<ModelRecovery> results = new ArrayList<>();
        for (TrainedSequenceModel m : trained) {
            results.add(SequenceExperiment.run(m, test, SequenceMethods.all(m.network(), task.length(),
                    SHUFFLE_SEED), sequences));
        }
        String md = markdown(task, units, trainSize, test.size(), results);
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve("sequence.md"), md, StandardCharsets.UTF_8);
            RecoveryFigure.render(task, results).save(out.resolve("sequence.png"));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the results to " + out, e);
        }
        return md;
    }

    /** The caption (task, models, accuracies) and the table. */
    static String markdown(MotifPairTask task, int units, int trainSize, int testSize,
                           List<ModelRecovery> results) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Task: random DNA of length %d, positive iff both %s and %s are "
                        + "planted (%d train, %d test sequences; half positive, negatives with none, one or the "
                        + "other motif in equal shares).%n%n", task.length(), task.motifA(), task.motifB(),
                trainSize, testSize));
        md.append("| Model | parameters | test accuracy | epochs | training (s) | sequences scored |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (ModelRecovery r : results) {
            TrainedSequenceModel m = r.model();
            md.append(String.format(Locale.ROOT, "| %s (%d units in all) | %d | %.4f | %d | %.0f | %d |%n",
                    m.model().label(), units, m.network().numParams(), m.testAccuracy(), m.epochs(),
                    m.trainSeconds(), r.sequences()));
        }
        md.append("\n").append(RecoveryTable.markdown(task, results));
        return md.toString();
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Options are --name value pairs, got " + args[i]);
            }
            o.put(args[i].substring(2), args[++i]);
        }
        return o;
    }
}
