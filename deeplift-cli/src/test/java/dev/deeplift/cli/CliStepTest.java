package dev.deeplift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Layout;
import dev.deeplift.core.Target;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.core.reference.ReferenceSet;
import dev.deeplift.dl4j.DeepLift;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * {@code explain --step T} on networks whose output is a sequence: every target is a unit at time step T, as the
 * library's {@code Target.unitAtStep} takes it; a sequence output without a step, and a step on any other output,
 * are refused with the library's message.
 */
class CliStepTest {
    private static final int STEPS = 7;
    private static final int STEP = 4;

    @TempDir
    Path dir;

    @Test
    void aUnitAtAStepIsTheLibrarysUnitAtStep() throws IOException {
        MultiLayerNetwork net = CliTestModels.tagger(CliTestModels.MLP_IN, RNNFormat.NCW);
        INDArray x = sequences(4, CliTestModels.MLP_IN, 1, RNNFormat.NCW);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("tagger.zip")), npy(x, "x.npy"), out,
                "--target", "2", "--step", String.valueOf(STEP));

        assertEquals(0, run.code(), run.describe());
        Attribution expected = DeepLift.of(net).explain(x, Nd4j.zeros(DataType.DOUBLE, 1, CliTestModels.MLP_IN,
                STEPS), Target.unitAtStep(2, STEP));
        assertEquals(expected.scores(), NpyReader.read(out.resolve("scores.npy")));
        List<String[]> rows = summationRows(out);
        assertEquals(4, rows.size());
        INDArray logits = logitsAt(net, x, STEP, 2).sub(logitsAt(net, x.mul(0), STEP, 2));
        for (int i = 0; i < 4; i++) {
            assertEquals("2", rows.get(i)[1]);
            assertEquals(logits.getDouble(i), Double.parseDouble(rows.get(i)[2]), 1e-12, "delta of example " + i);
            assertTrue(Double.parseDouble(rows.get(i)[4]) < 1e-12, "summation-to-delta of example " + i);
        }
        assertTrue(run.out().contains("at time step " + STEP), run.out());
    }

    @Test
    void predictedWithAStepIsEachExamplesLargestOutputAtThatStep() throws IOException {
        for (RNNFormat format : RNNFormat.values()) {
            MultiLayerNetwork net = CliTestModels.tagger(CliTestModels.MLP_IN, format);
            // Large inputs, so that the untrained network's predictions differ between examples.
            INDArray x = sequences(12, CliTestModels.MLP_IN, 2, format).muli(4);
            Path out = dir.resolve("out-" + format);
            CliRun run = explain(CliTestModels.save(net, dir.resolve(format + ".zip")), npy(x, format + ".npy"), out,
                    "--step", String.valueOf(STEP));

            assertEquals(0, run.code(), run.describe());
            INDArray output = net.output(x);
            INDArray atStep = format == RNNFormat.NCW
                    ? output.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(STEP))
                    : output.get(NDArrayIndex.all(), NDArrayIndex.point(STEP), NDArrayIndex.all());
            int[] argmax = Nd4j.argMax(atStep, 1).toIntVector();
            assertTrue(Arrays.stream(argmax).distinct().count() > 1, "the test needs several classes");
            List<String[]> rows = summationRows(out);
            for (int i = 0; i < 12; i++) {
                assertEquals(String.valueOf(argmax[i]), rows.get(i)[1], format + ": target of example " + i);
            }
            Attribution expected = DeepLift.of(net).explain(x, x.mul(0).get(NDArrayIndex.interval(0, 1)),
                    Target.perExample(0, argmax).atStep(STEP));
            assertEquals(expected.scores(), NpyReader.read(out.resolve("scores.npy")), format.toString());
        }
    }

    @Test
    void perStepDenseRowsArePickedAtTheStep() throws IOException {
        MultiLayerNetwork net = CliTestModels.perStepRows(STEPS);
        INDArray x = sequences(9, CliTestModels.MLP_IN, 3, RNNFormat.NCW).muli(4);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("rows.zip")), npy(x, "x.npy"), out,
                "--step", String.valueOf(STEP));

        assertEquals(0, run.code(), run.describe());
        INDArray output = net.output(x);
        assertEquals(2, output.rank(), "DL4J returns [N·T, K] rows");
        // Example i at step t is row i + t·N.
        int[] argmax = Nd4j.argMax(output.get(NDArrayIndex.interval(STEP * 9, STEP * 9 + 9), NDArrayIndex.all()), 1)
                .toIntVector();
        assertTrue(Arrays.stream(argmax).distinct().count() > 1, "the test needs several classes");
        List<String[]> rows = summationRows(out);
        for (int i = 0; i < 9; i++) {
            assertEquals(String.valueOf(argmax[i]), rows.get(i)[1], "target of example " + i);
            assertTrue(Double.parseDouble(rows.get(i)[4]) < 1e-12, "summation-to-delta of example " + i);
        }
    }

    @Test
    void targetAllWithAStepWritesEveryUnitAtThatStep() throws IOException {
        MultiLayerNetwork net = CliTestModels.tagger(CliTestModels.MLP_IN, RNNFormat.NCW);
        INDArray x = sequences(3, CliTestModels.MLP_IN, 4, RNNFormat.NCW);
        INDArray mask = Nd4j.createFromArray(new double[][] {
            {1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 1, 0, 0}, {0, 0, 1, 1, 1, 1, 1}});
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("tagger.zip")), npy(x, "x.npy"), out,
                "--target", "all", "--step", "6", "--mask", npy(mask, "mask.npy").toString());

        assertEquals(0, run.code(), run.describe());
        for (int k = 0; k < CliTestModels.CLASSES; k++) {
            Attribution expected = DeepLift.of(net).explain(x, Nd4j.zeros(DataType.DOUBLE, 1, CliTestModels.MLP_IN,
                    STEPS), Target.unitAtStep(k, 6), mask);
            assertEquals(expected.scores(), NpyReader.read(out.resolve("scores-target-" + k + ".npy")), "unit " + k);
        }
        assertEquals(3 * CliTestModels.CLASSES, summationRows(out).size());
    }

    @Test
    void shuffledDnaWithAStepAveragesTheUnitAtThatStepOverTheShuffles() throws IOException {
        MultiLayerNetwork net = CliTestModels.tagger(4, RNNFormat.NCW);
        INDArray x = oneHotDna(3, STEPS, 11);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("dna.zip")), npy(x, "dna.npy"), out,
                "--reference", "shuffled-dna:4", "--seed", "9", "--target", "1", "--step", String.valueOf(STEP));

        assertEquals(0, run.code(), run.describe());
        // Independently: each example against each of its shuffles, one library call per pair, then the mean.
        ReferenceSet refs = Reference.dinucleotideShuffled(4, 9L, Layout.NCW).forInput(x);
        DeepLift dl = DeepLift.of(net);
        INDArray expected = Nd4j.zeros(DataType.DOUBLE, x.shape());
        for (int i = 0; i < 3; i++) {
            INDArray xi = x.get(NDArrayIndex.interval(i, i + 1));
            for (int k = 0; k < 4; k++) {
                Attribution a = dl.explain(xi, refs.get(i, k, k + 1), Target.unitAtStep(1, STEP));
                expected.get(NDArrayIndex.interval(i, i + 1)).addi(a.scores().div(4));
            }
        }
        INDArray scores = NpyReader.read(out.resolve("scores.npy"));
        assertTrue(expected.equalsWithEps(scores, 1e-12), expected + "\n" + scores);
        assertTrue(scores.amaxNumber().doubleValue() > 0, "some score is not zero");
        for (String[] row : summationRows(out)) {
            assertTrue(Double.parseDouble(row[4]) < 1e-12, "summation-to-delta of example " + row[0]);
        }
    }

    @Test
    void aSequenceOutputWithoutAStepIsRefusedWithTheLibrarysMessage() throws IOException {
        MultiLayerNetwork net = CliTestModels.tagger(CliTestModels.MLP_IN, RNNFormat.NCW);
        INDArray x = sequences(2, CliTestModels.MLP_IN, 5, RNNFormat.NCW);
        Path model = CliTestModels.save(net, dir.resolve("tagger.zip"));
        Path input = npy(x, "x.npy");
        String library = refusal(() -> DeepLift.of(net).explain(x, 1));
        for (String[] target : new String[][] {{"--target", "1"}, {}, {"--target", "all"}}) {
            Path out = dir.resolve("out");
            CliRun run = explain(model, input, out, target);
            assertEquals(CliException.FAILURE, run.code(), run.describe());
            assertTrue(run.err().contains("is a sequence") && run.err().contains("--step T"), run.err());
            assertFalse(Files.exists(out), "nothing is written");
        }
        CliRun unit = explain(model, input, dir.resolve("out"), "--target", "1");
        assertTrue(unit.err().contains(library), "the library's own message:\n" + library + "\n" + unit.err());

        INDArray dna = oneHotDna(2, STEPS, 12);
        Path dnaModel = CliTestModels.save(CliTestModels.tagger(4, RNNFormat.NCW), dir.resolve("dna.zip"));
        for (String[] target : new String[][] {{"--target", "1"}, {}}) {
            List<String> args = new ArrayList<>(List.of("--reference", "shuffled-dna:3"));
            args.addAll(List.of(target));
            CliRun run = explain(dnaModel, npy(dna, "dna.npy"), dir.resolve("out"), args.toArray(new String[0]));
            assertEquals(CliException.FAILURE, run.code(), run.describe());
            assertTrue(run.err().contains("is a sequence") && run.err().contains("--step T"), run.err());
        }
    }

    @Test
    void aStepOnAnOutputThatIsNotASequenceIsRefusedWithTheLibrarysMessage() throws IOException {
        MultiLayerNetwork net = CliTestModels.lstm();
        INDArray x = sequences(2, CliTestModels.MLP_IN, 6, RNNFormat.NCW);
        Path model = CliTestModels.save(net, dir.resolve("lstm.zip"));
        String library = refusal(() -> DeepLift.of(net).explain(x, x.mul(0), Target.unitAtStep(1, 2)));
        for (String[] target : new String[][] {{"--target", "1"}, {}, {"--target", "all"}}) {
            List<String> args = new ArrayList<>(List.of("--step", "2"));
            args.addAll(List.of(target));
            CliRun run = explain(model, npy(x, "x.npy"), dir.resolve("out"), args.toArray(new String[0]));
            assertEquals(CliException.FAILURE, run.code(), run.describe());
            assertTrue(run.err().contains(library) && run.err().contains("leave out --step"), run.err());
        }
    }

    @Test
    void aStepPastTheEndOrBelowZeroIsRefused() throws IOException {
        MultiLayerNetwork net = CliTestModels.tagger(CliTestModels.MLP_IN, RNNFormat.NCW);
        Path model = CliTestModels.save(net, dir.resolve("tagger.zip"));
        Path input = npy(sequences(2, CliTestModels.MLP_IN, 7, RNNFormat.NCW), "x.npy");

        CliRun unit = explain(model, input, dir.resolve("out"), "--target", "0", "--step", String.valueOf(STEPS));
        assertEquals(CliException.FAILURE, unit.code(), unit.describe());
        assertTrue(unit.err().contains("out of range") && unit.err().contains("0.." + (STEPS - 1)), unit.err());
        CliRun predicted = explain(model, input, dir.resolve("out"), "--step", String.valueOf(STEPS));
        assertEquals(CliException.FAILURE, predicted.code(), predicted.describe());
        assertTrue(predicted.err().contains("out of range") && predicted.err().contains("0.." + (STEPS - 1)),
                predicted.err());
        CliRun negative = explain(model, input, dir.resolve("out"), "--step", "-1");
        assertEquals(CliException.USAGE, negative.code(), negative.describe());
        assertTrue(negative.err().contains("--step must be a whole number >= 0"), negative.err());
        assertFalse(Files.exists(dir.resolve("out")), "nothing is written");
    }

    @Test
    void helpDescribesStep() {
        CliRun run = CliRun.of("explain", "--help");
        assertEquals(0, run.code());
        assertTrue(run.out().contains("--step T"), run.out());
    }

    private static String refusal(Runnable call) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        throw new AssertionError("the library accepted the call");
    }

    /** Logits (before the softmax) of unit {@code unit} at step {@code step}, from DL4J's activations. */
    private static INDArray logitsAt(MultiLayerNetwork net, INDArray x, int step, int unit) {
        INDArray hidden = net.feedForwardToLayer(0, x, false).get(1);
        INDArray w = net.getLayer(1).getParam("W");
        INDArray b = net.getLayer(1).getParam("b");
        INDArray h = hidden.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(step));
        return h.mmul(w.getColumn(unit).reshape(-1, 1)).reshape(-1).addi(b.getDouble(unit));
    }

    private CliRun explain(Path model, Path input, Path out, String... more) {
        List<String> args = new ArrayList<>(List.of("explain", "--model", model.toString(), "--input",
                input.toString(), "--out", out.toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    private Path npy(INDArray a, String name) throws IOException {
        Path file = dir.resolve(name);
        NpyWriter.write(a, file);
        return file;
    }

    /** Standard normal sequences {@code [n, features, T]} (NCW) or {@code [n, T, features]} (NWC), DOUBLE. */
    private static INDArray sequences(int n, int features, long seed, RNNFormat format) {
        Nd4j.getRandom().setSeed(seed);
        INDArray ncw = Nd4j.randn(DataType.DOUBLE, n, features, STEPS);
        return format == RNNFormat.NCW ? ncw : ncw.permute(0, 2, 1).dup('c');
    }

    private static List<String[]> summationRows(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("summation.csv"), StandardCharsets.UTF_8);
        assertEquals(SummationCsv.HEADER, lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    }

    private static INDArray oneHotDna(int n, int length, long seed) {
        Random random = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, n, 4, length);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < length; p++) {
                x.putScalar(new long[] {i, random.nextInt(4), p}, 1.0);
            }
        }
        return x;
    }
}
