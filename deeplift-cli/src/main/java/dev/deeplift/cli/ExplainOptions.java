package dev.deeplift.cli;

import java.nio.file.Path;
import java.util.List;

/**
 * The settings of {@code explain}, parsed and checked from its command line.
 *
 * @param model     the saved network
 * @param input     the inputs, {@code .npy} or {@code .csv}
 * @param mask      the feature mask of sequence inputs, {@code .npy} or {@code .csv} {@code [N, T]}, or null
 * @param out       the folder the results go to
 * @param shape     the shape of one example to reshape the inputs (and a file reference) to, or null to keep it
 * @param reference what the explanation is relative to
 * @param seed      the seed of shuffled references
 * @param target    which output units to explain
 * @param step      the time step of a sequence output's units (per-step outputs such as an {@code RnnOutputLayer}),
 *                  or null for an output that is not a sequence
 * @param rule      the DeepLIFT rule
 * @param batchSize examples per chunk, or (example, reference) pairs per chunk with a distribution of references
 * @param layout    where the channels of the inputs are
 * @param csv       also write the scores as CSV
 * @param png       also draw heatmaps
 */
record ExplainOptions(Path model, Path input, Path mask, Path out, long[] shape, ReferenceChoice reference, long seed,
                      TargetChoice target, Integer step, RuleChoice rule, int batchSize, LayoutOption layout,
                      boolean csv, boolean png) {
    /** Heatmaps are drawn for at most this many examples, so that the picture stays readable. */
    static final int PNG_EXAMPLES = 8;

    /** Every option of {@code explain}, in the order {@code --help} lists them. */
    static final List<OptionSpec> SPECS = List.of(
            OptionSpec.required("--model", "PATH", "the network: a zip saved by DL4J's ModelSerializer "
                    + "(MultiLayerNetwork or ComputationGraph, told apart from its configuration)."),
            OptionSpec.required("--input", "PATH", "the inputs: .npy (float32 or float64) or .csv (one example per "
                    + "row, numbers only; a header row is skipped)."),
            OptionSpec.value("--mask", "PATH", "none", "the feature mask of sequence inputs: .npy or .csv [N, T], "
                    + "1 for real time steps and 0 for padding, applied where DL4J's output(x, false, mask, null) "
                    + "applies it (not with shuffled-dna references)."),
            OptionSpec.value("--out", "DIR", "deeplift-out", "the folder for the results (created if missing): "
                    + "scores.npy, or scores-target-K.npy per unit with --target all; summation.csv (example, "
                    + "target, delta, sum of scores, error); scores*.csv with --csv; heatmaps.png with --png."),
            OptionSpec.value("--shape", "D1,D2,...", "as read", "the shape of one example: each row of the inputs "
                    + "(and of a file reference) is reshaped in C order to [N, D1, D2, ...], e.g. 1,28,28 for "
                    + "CSV images."),
            OptionSpec.value("--reference", "REF", "zeros", "zeros | mean (of the inputs) | file:PATH (.npy or "
                    + ".csv, [1, ...] shared or [N, ...] per example) | shuffled-dna:N (N dinucleotide-shuffled "
                    + "copies of each one-hot sequence, averaged with DeepSHAP)."),
            OptionSpec.value("--seed", "N", "1", "the seed of shuffled-dna references."),
            OptionSpec.value("--target", "T", "predicted", "an output unit INDEX, predicted (each example's largest "
                    + "output), or all (every unit, each to its own file); units are scored before the output "
                    + "activation."),
            OptionSpec.value("--step", "T", "none", "the time step of a sequence output (per-step units, e.g. an "
                    + "RnnOutputLayer), counted from 0: --target then picks a unit at step T (predicted: the "
                    + "largest output at step T). Required for sequence outputs, refused for others."),
            OptionSpec.value("--rule", "RULE", "rescale", RuleChoice.accepted().replace("|", " | ")
                    + " (genomics: RevealCancel after dense layers, Rescale after convolutions)."),
            OptionSpec.value("--batch-size", "N", "256", "examples per chunk (DeepLIFT's chunk size), or "
                    + "(example, reference) pairs per chunk with shuffled-dna (DeepSHAP's batch); a progress bar "
                    + "on stderr counts the chunks when there is more than one."),
            OptionSpec.value("--layout", "L", "auto", "NCHW | NHWC for images (--png), NCW | NWC for one-hot "
                    + "sequences (shuffled-dna); auto takes NCHW for rank-4 inputs and the axis of size 4 of "
                    + "rank-3 inputs."),
            OptionSpec.flag("--csv", "also write the scores as CSV, one example per row (flattened in C order)."),
            OptionSpec.flag("--png", "also draw heatmaps.png: the scores of the first " + PNG_EXAMPLES
                    + " examples over the input in grey, a row per example and a column per target (image inputs "
                    + "only)."),
            OptionSpec.flag("--help", "print this help and exit."));

    /** The {@code --help} text of {@code explain}. */
    static String help() {
        return HelpText.of("DeepLiftCli explain --model PATH --input PATH [options]",
                "Explains a saved DL4J network's outputs with DeepLIFT: for every input feature its contribution to "
                        + "a target output relative to a reference, checked for summation-to-delta. Results are "
                        + "written to temporary files and moved into place at the end: on an error nothing is "
                        + "left behind. Exit codes: 0 done, 1 failed, 2 bad command line.",
                SPECS);
    }

    /** Parses and checks the options of {@code explain}. */
    static ExplainOptions parse(String[] args) {
        ParsedOptions o = new OptionParser("explain", SPECS).parse(args);
        return new ExplainOptions(Path.of(o.required("--model")), Path.of(o.required("--input")),
                o.given("--mask") ? Path.of(o.value("--mask")) : null, Path.of(o.value("--out")),
                o.given("--shape") ? parseShape(o.value("--shape")) : null,
                ReferenceChoice.parse(o.value("--reference")), parseLong("--seed", o.value("--seed")),
                TargetChoice.parse(o.value("--target")),
                o.given("--step") ? parseNonNegativeInt("--step", o.value("--step")) : null,
                RuleChoice.parse(o.value("--rule")),
                parsePositiveInt("--batch-size", o.value("--batch-size")), LayoutOption.parse(o.value("--layout")),
                o.flag("--csv"), o.flag("--png"));
    }

    private static long[] parseShape(String value) {
        String[] parts = value.split(",");
        long[] shape = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                shape[i] = Long.parseLong(parts[i].trim());
            } catch (NumberFormatException e) {
                shape[i] = -1;
            }
            if (shape[i] < 1) {
                throw CliException.usage("--shape must be sizes >= 1 separated by commas, e.g. 1,28,28; got '"
                        + value + "'");
            }
        }
        return shape;
    }

    private static long parseLong(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw CliException.usage(name + " must be a whole number; got '" + value + "'");
        }
    }

    private static int parseNonNegativeInt(String name, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 0) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw CliException.usage(name + " must be a whole number >= 0; got '" + value + "'");
    }

    private static int parsePositiveInt(String name, String value) {
        try {
            int v = Integer.parseInt(value);
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw CliException.usage(name + " must be a whole number >= 1; got '" + value + "'");
    }
}
