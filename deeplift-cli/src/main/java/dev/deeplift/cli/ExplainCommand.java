package dev.deeplift.cli;

import dev.deeplift.core.reference.Reference;
import dev.deeplift.core.Layout;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code explain}: reads a saved network and its inputs, explains them, and writes the scores, the
 * summation-to-delta check and optionally CSV scores and heatmaps. Everything that can be checked is checked
 * before the work starts (files, options, shapes, references), and the outputs are staged and moved into place
 * only once all are written.
 */
final class ExplainCommand {
    /** The summation-to-delta file. */
    static final String SUMMATION_FILE = "summation.csv";
    /** The heatmap file. */
    static final String HEATMAP_FILE = "heatmaps.png";

    private final PrintStream out;
    private final PrintStream err;

    ExplainCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** Runs {@code explain} with its arguments (the command name excluded); returns the exit code. */
    int run(String[] args) throws IOException {
        if (OptionParser.wantsHelp(args)) {
            out.print(ExplainOptions.help());
            return 0;
        }
        explain(ExplainOptions.parse(args));
        return 0;
    }

    /** Explains as the options say and returns the files written. */
    List<Path> explain(ExplainOptions o) throws IOException {
        // Missing files first: a typo should not wait for a model to load.
        requireFile(o.model(), "model");
        requireFile(o.input(), "input");
        if (o.reference() instanceof ReferenceChoice.FromFile f) {
            requireFile(f.file(), "reference");
        }
        if (o.mask() != null) {
            requireFile(o.mask(), "mask");
            if (o.reference() instanceof ReferenceChoice.ShuffledDna) {
                throw CliException.usage("--mask cannot be used with shuffled-dna references");
            }
        }
        LoadedModel model = ModelLoader.load(o.model());
        INDArray x = readBatch(o.input(), "input", o.shape(), model.dataType());
        INDArray mask = o.mask() == null ? null : readMask(o.mask(), x, model.dataType());
        Layout imageLayout = o.png() ? o.layout().imageLayout(x.shape()) : null;
        Reference reference = reference(o, x, model.dataType());

        List<TargetScores> results = new ChunkedAttribution(model, o.rule().policy(), o.step(), o.batchSize(),
                err)
                .run(x, mask, reference, o.target());

        SummationCsv summation = new SummationCsv(results);
        List<Path> written;
        try (StagedOutputs files = StagedOutputs.in(o.out())) {
            for (TargetScores r : results) {
                NpyWriter.write(r.scores(), files.stage(r.fileStem() + ".npy"));
                if (o.csv()) {
                    CsvWriter.write(r.scores(), files.stage(r.fileStem() + ".csv"));
                }
            }
            summation.write(files.stage(SUMMATION_FILE));
            if (imageLayout != null) {
                HeatmapPicture.write(results, x, imageLayout, files.stage(HEATMAP_FILE));
            }
            written = files.commit();
        }
        report(o, model, x, summation, written);
        return written;
    }

    private static void requireFile(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw CliException.failure(what + " file not found: " + file);
        }
    }

    /** A batch read from a file, reshaped by {@code --shape} and cast to the network's type. */
    private static INDArray readBatch(Path file, String what, long[] shape, DataType type) throws IOException {
        INDArray a = ArrayFiles.reshape(ArrayFiles.read(file, what), shape, file);
        return a.dataType() == type ? a : a.castTo(type);
    }

    /** A {@code [N, T]} mask with one row per example, cast to the network's type (its values are checked later). */
    private static INDArray readMask(Path file, INDArray x, DataType type) throws IOException {
        INDArray m = ArrayFiles.read(file, "mask");
        if (m.rank() != 2 || m.size(0) != x.size(0)) {
            throw CliException.failure("the mask " + file + " has shape " + Arrays.toString(m.shape())
                    + " but must be [N, T] with N = " + x.size(0) + " rows, one per example");
        }
        return m.dataType() == type ? m : m.castTo(type);
    }

    private static Reference reference(ExplainOptions o, INDArray x, DataType type) throws IOException {
        ReferenceChoice choice = o.reference();
        if (choice instanceof ReferenceChoice.Mean) {
            return Reference.mean(x);
        }
        if (choice instanceof ReferenceChoice.FromFile f) {
            return Reference.of(readBatch(f.file(), "reference", o.shape(), type));
        }
        if (choice instanceof ReferenceChoice.ShuffledDna d) {
            return Reference.dinucleotideShuffled(d.count(), o.seed(), o.layout().sequenceLayout(x.shape()));
        }
        return Reference.zeros();
    }

    private void report(ExplainOptions o, LoadedModel model, INDArray x, SummationCsv summation,
                        List<Path> written) {
        out.println("model: " + model.description() + ", " + model.dataType());
        out.println("explained " + x.size(0) + " examples of shape " + Arrays.toString(x.shape()) + ": target "
                + o.target() + (o.step() == null ? "" : " at time step " + o.step()) + ", rule " + o.rule() + ", reference " + o.reference()
                + (o.mask() == null ? "" : ", mask " + o.mask()));
        for (Path p : written) {
            out.println("wrote " + p);
        }
        out.printf("max summation-to-delta error: %.3g%n", summation.maxError());
    }
}
