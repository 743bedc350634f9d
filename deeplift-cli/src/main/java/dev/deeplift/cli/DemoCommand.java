package dev.deeplift.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@code demo}: the project's main job on an embedded default, nothing downloaded. It trains a tiny CNN on
 * {@link DemoImages} (the class is the quadrant of a bright patch), saves it with {@link ModelSerializer} as
 * {@code model.zip} and eight sample images as {@code inputs.npy}, and explains those with {@code explain} (every
 * class as a target; CSV scores and a heatmap grid, a column per class) exactly as a user would from the command line it prints.
 */
final class DemoCommand {
    /** The saved network's file name. */
    static final String MODEL_FILE = "model.zip";
    /** The sample inputs' file name. */
    static final String INPUT_FILE = "inputs.npy";
    private static final int TRAINING_IMAGES = 512;
    private static final int TEST_IMAGES = 256;
    private static final int SAMPLES = 8;

    private static final List<OptionSpec> SPECS = List.of(
            OptionSpec.value("--out", "DIR", "deeplift-demo", "the folder for the model, the inputs and the "
                    + "results of explain (created if missing)."),
            OptionSpec.value("--seed", "N", "7", "the seed of the synthetic images and of training."),
            OptionSpec.flag("--help", "print this help and exit."));

    private final PrintStream out;
    private final PrintStream err;

    DemoCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** The {@code --help} text of {@code demo}. */
    static String help() {
        return HelpText.of("DeepLiftCli demo [options]",
                "Trains a small CNN in a few seconds on synthetic 8x8 images whose class is the quadrant of a "
                        + "bright patch, saves it (" + MODEL_FILE + ") and " + SAMPLES + " sample images ("
                        + INPUT_FILE + "), then runs explain on them with --target all --csv --png.",
                SPECS);
    }

    /** Runs {@code demo} with its arguments (the command name excluded); returns the exit code. */
    int run(String[] args) throws IOException {
        if (OptionParser.wantsHelp(args)) {
            out.print(help());
            return 0;
        }
        ParsedOptions o = new OptionParser("demo", SPECS).parse(args);
        Path dir = Path.of(o.value("--out"));
        long seed;
        try {
            seed = Long.parseLong(o.value("--seed"));
        } catch (NumberFormatException e) {
            throw CliException.usage("--seed must be a whole number; got '" + o.value("--seed") + "'");
        }

        long start = System.nanoTime();
        MultiLayerNetwork net = DemoNetwork.train(DemoImages.generate(TRAINING_IMAGES, seed), seed);
        double accuracy = DemoNetwork.accuracy(net, DemoImages.generate(TEST_IMAGES, seed + 1));
        DemoImages samples = DemoImages.generate(SAMPLES, seed + 2);
        out.printf("trained a CNN on %d synthetic 8x8 images in %.1f s: accuracy %.3f on %d new images%n",
                TRAINING_IMAGES, (System.nanoTime() - start) / 1e9, accuracy, TEST_IMAGES);

        Path model;
        Path inputs;
        try (StagedOutputs files = StagedOutputs.in(dir)) {
            ModelSerializer.writeModel(net, files.stage(MODEL_FILE).toFile(), false);
            NpyWriter.write(samples.images(), files.stage(INPUT_FILE));
            List<Path> written = files.commit();
            model = written.get(0);
            inputs = written.get(1);
        }
        out.println("saved " + model + " and " + inputs + " (classes " + Arrays.toString(samples.labels())
                + ", predicted " + Arrays.toString(Nd4j.argMax(net.output(samples.images(), false), 1)
                .toIntVector()) + ")");

        String[] explain = {"--model", model.toString(), "--input", inputs.toString(), "--out", dir.toString(),
            "--target", "all", "--csv", "--png"};
        out.println("running: DeepLiftCli explain " + String.join(" ", explain));
        return new ExplainCommand(out, err).run(explain);
    }
}
