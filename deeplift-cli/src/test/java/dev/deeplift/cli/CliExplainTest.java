package dev.deeplift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.core.Layout;
import dev.deeplift.dl4j.DeepLift;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code explain} writes what the library computes, for every kind of input, reference, target and rule. */
class CliExplainTest {
    @TempDir
    Path dir;

    @Test
    void npyScoresAndSummationCsvAreTheLibrarysResult() throws IOException {
        MultiLayerNetwork net = CliTestModels.mlp(DataType.FLOAT);
        INDArray x = inputs(DataType.FLOAT, 5, 1);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("net.zip")), npy(x, "x.npy"), out, "--target", "1");

        assertEquals(0, run.code(), run.describe());
        assertEquals("", run.err(), "no progress bar for one chunk, no warning");
        Attribution expected = DeepLift.of(net).explain(x, 1);
        INDArray scores = NpyReader.read(out.resolve("scores.npy"));
        assertEquals(DataType.FLOAT, scores.dataType());
        assertEquals(expected.scores(), scores);
        assertEquals(List.of("scores.npy", "summation.csv"), files(out));

        List<String[]> rows = summationRows(out);
        assertEquals(5, rows.size());
        for (int i = 0; i < 5; i++) {
            String[] r = rows.get(i);
            assertEquals(String.valueOf(i), r[0]);
            assertEquals("1", r[1]);
            double delta = Double.parseDouble(r[2]);
            double sum = Double.parseDouble(r[3]);
            assertEquals(expected.deltas().getDouble(i), delta, 0.0, "delta of example " + i);
            assertEquals(expected.scores().getRow(i).castTo(DataType.DOUBLE).sumNumber().doubleValue(), sum, 1e-12);
            assertEquals(Math.abs(sum - delta), Double.parseDouble(r[4]), 1e-15);
            assertTrue(Math.abs(sum - delta) < 1e-5 * (1 + Math.abs(delta)), "summation-to-delta of example " + i);
        }
        assertTrue(run.out().contains("max summation-to-delta error"), run.out());
    }

    @Test
    void csvInputsReshapedByShapeGiveTheScoresOfTheImages() throws IOException {
        MultiLayerNetwork cnn = CliTestModels.cnn();
        INDArray x = inputs(DataType.FLOAT, 3, 36, 2).reshape(3, 1, 6, 6);
        Path csv = dir.resolve("x.csv");
        StringBuilder text = new StringBuilder(IntStream.range(0, 36).mapToObj(i -> "pixel" + i)
                .collect(Collectors.joining(",")) + "\n");
        for (int i = 0; i < 3; i++) {
            float[] row = x.reshape(3, 36).getRow(i).dup('c').data().asFloat();
            List<String> fields = new ArrayList<>();
            for (float v : row) {
                fields.add(Float.toString(v));
            }
            text.append(String.join(", ", fields)).append('\n');
        }
        Files.writeString(csv, "# three images, flattened\n" + text);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(cnn, dir.resolve("cnn.zip")), csv, out, "--shape", "1,6,6",
                "--target", "2", "--csv");

        assertEquals(0, run.code(), run.describe());
        INDArray expected = DeepLift.of(cnn).explain(x, 2).scores();
        assertEquals(expected, NpyReader.read(out.resolve("scores.npy")));
        INDArray csvScores = CsvReader.read(out.resolve("scores.csv"));
        assertArrayEquals(new long[] {3, 36}, csvScores.shape());
        assertEquals(expected.reshape(3, 36), csvScores.castTo(DataType.FLOAT));
    }

    @Test
    void predictedTargetIsEachExamplesLargestOutput() throws IOException {
        MultiLayerNetwork net = CliTestModels.mlp(DataType.FLOAT);
        // Large inputs, so that the untrained network's predictions differ between examples.
        INDArray x = inputs(DataType.FLOAT, 12, 3).muli(10);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("net.zip")), npy(x, "x.npy"), out);

        assertEquals(0, run.code(), run.describe());
        Attribution expected = (Attribution) DeepLift.of(net).explainPredicted(x,
                Nd4j.zeros(DataType.FLOAT, 1, CliTestModels.MLP_IN));
        assertEquals(expected.scores(), NpyReader.read(out.resolve("scores.npy")));
        int[] argmax = Nd4j.argMax(net.output(x), 1).toIntVector();
        List<String[]> rows = summationRows(out);
        for (int i = 0; i < 12; i++) {
            assertEquals(String.valueOf(argmax[i]), rows.get(i)[1], "target of example " + i);
        }
        assertTrue(java.util.Arrays.stream(argmax).distinct().count() > 1, "the test needs several classes");
    }

    @Test
    void targetAllWritesOneFilePerOutputUnit() throws IOException {
        MultiLayerNetwork net = CliTestModels.mlp(DataType.FLOAT);
        INDArray x = inputs(DataType.FLOAT, 4, 4);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("net.zip")), npy(x, "x.npy"), out, "--target",
                "all", "--csv");

        assertEquals(0, run.code(), run.describe());
        assertEquals(List.of("scores-target-0.csv", "scores-target-0.npy", "scores-target-1.csv",
                "scores-target-1.npy", "scores-target-2.csv", "scores-target-2.npy", "summation.csv"), files(out));
        for (int k = 0; k < CliTestModels.CLASSES; k++) {
            assertEquals(DeepLift.of(net).explain(x, k).scores(),
                    NpyReader.read(out.resolve("scores-target-" + k + ".npy")), "unit " + k);
        }
        List<String[]> rows = summationRows(out);
        assertEquals(4 * CliTestModels.CLASSES, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            assertEquals(String.valueOf(r / 3), rows.get(r)[0], "rows go by example, then target");
            assertEquals(String.valueOf(r % 3), rows.get(r)[1], "rows go by example, then target");
        }
    }

    @Test
    void meanAndFileReferences() throws IOException {
        MultiLayerNetwork net = CliTestModels.mlp(DataType.FLOAT);
        INDArray x = inputs(DataType.FLOAT, 6, 5);
        Path model = CliTestModels.save(net, dir.resolve("net.zip"));
        Path input = npy(x, "x.npy");

        CliRun mean = explain(model, input, dir.resolve("mean"), "--reference", "mean", "--target", "0");
        assertEquals(0, mean.code(), mean.describe());
        assertEquals(DeepLift.of(net).explain(x, x.mean(true, 0), 0).scores(),
                NpyReader.read(dir.resolve("mean/scores.npy")));

        INDArray shared = inputs(DataType.DOUBLE, 1, 6);
        CliRun file = explain(model, input, dir.resolve("shared"), "--reference", "file:" + npy(shared, "r.npy"),
                "--target", "2");
        assertEquals(0, file.code(), file.describe());
        assertEquals(DeepLift.of(net).explain(x, shared.castTo(DataType.FLOAT), 2).scores(),
                NpyReader.read(dir.resolve("shared/scores.npy")));

        INDArray perExample = inputs(DataType.FLOAT, 6, 7);
        Path refCsv = dir.resolve("refs.csv");
        CsvWriter.write(perExample, refCsv);
        CliRun rows = explain(model, input, dir.resolve("rows"), "--reference", "file:" + refCsv, "--target", "2",
                "--batch-size", "4");
        assertEquals(0, rows.code(), rows.describe());
        assertEquals(DeepLift.of(net).explain(x, perExample, 2).scores(),
                NpyReader.read(dir.resolve("rows/scores.npy")));
    }

    @Test
    void chunksGiveTheScoresOfOneCallAndAProgressBar() throws IOException {
        MultiLayerNetwork net = CliTestModels.mlp(DataType.DOUBLE);
        INDArray x = inputs(DataType.DOUBLE, 7, 8);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("net.zip")), npy(x, "x.npy"), out,
                "--batch-size", "2", "--target", "all");

        assertEquals(0, run.code(), run.describe());
        assertTrue(run.err().contains("1/4 chunks") && run.err().contains("4/4 chunks"), run.err());
        List<Attribution> expected = DeepLift.of(net).explainTargets(x, Nd4j.zeros(DataType.DOUBLE, 1, 6), 0, 1, 2);
        for (int k = 0; k < 3; k++) {
            INDArray scores = NpyReader.read(out.resolve("scores-target-" + k + ".npy"));
            assertEquals(DataType.DOUBLE, scores.dataType());
            assertTrue(expected.get(k).scores().equalsWithEps(scores, 1e-12), "unit " + k);
        }
    }

    @Test
    void shuffledDnaReferencesAreAveragedWithDeepShap() throws IOException {
        MultiLayerNetwork net = CliTestModels.dna();
        INDArray x = oneHotDna(3, 10, 11);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("dna.zip")), npy(x, "dna.npy"), out,
                "--reference", "shuffled-dna:5", "--seed", "9", "--target", "1", "--batch-size", "5");

        assertEquals(0, run.code(), run.describe());
        assertTrue(run.err().contains("3/3 chunks"), "one example (5 pairs) per chunk: " + run.err());
        DeepShap shap = DeepShap.of(DeepLift.of(net)).withBatchSize(5);
        Attribution expected = shap.explain(x, Reference.dinucleotideShuffled(5, 9L, Layout.NCW),
                1);
        INDArray scores = NpyReader.read(out.resolve("scores.npy"));
        assertTrue(expected.scores().equalsWithEps(scores, 1e-6), expected.scores() + "\n" + scores);
        assertTrue(scores.amaxNumber().doubleValue() > 0, "some score is not zero");

        CliRun other = explain(dir.resolve("dna.zip"), dir.resolve("dna.npy"), dir.resolve("other"),
                "--reference", "shuffled-dna:5", "--seed", "10", "--target", "1");
        assertEquals(0, other.code(), other.describe());
        assertFalse(scores.equalsWithEps(NpyReader.read(dir.resolve("other/scores.npy")), 1e-6),
                "another seed, other shuffles");
    }

    @Test
    void computationGraphsAreToldApartFromNetworks() throws IOException {
        ComputationGraph graph = CliTestModels.graph();
        INDArray x = inputs(DataType.FLOAT, 4, 12);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(graph, dir.resolve("graph.zip")), npy(x, "x.npy"), out,
                "--target", "0");

        assertEquals(0, run.code(), run.describe());
        assertTrue(run.out().contains("ComputationGraph"), run.out());
        assertEquals(DeepLift.of(graph).explain(x, Nd4j.zeros(DataType.FLOAT, 1, 6), 0).scores(),
                NpyReader.read(out.resolve("scores.npy")));
    }

    @Test
    void rulesSelectTheLibrarysPolicy() throws IOException {
        MultiLayerNetwork net = CliTestModels.mlp(DataType.FLOAT);
        INDArray x = inputs(DataType.FLOAT, 5, 13);
        Path model = CliTestModels.save(net, dir.resolve("net.zip"));
        Path input = npy(x, "x.npy");
        String[] rules = {"rescale", "reveal-cancel", "gradient", "genomics"};
        RulePolicy[] policies = {RulePolicy.uniform(Rule.RESCALE), RulePolicy.uniform(Rule.REVEAL_CANCEL),
            RulePolicy.uniform(Rule.GRADIENT), RulePolicy.genomicsDefault()};
        List<INDArray> all = new ArrayList<>();
        for (int r = 0; r < rules.length; r++) {
            Path out = dir.resolve(rules[r]);
            CliRun run = explain(model, input, out, "--rule", rules[r], "--target", "0");
            assertEquals(0, run.code(), run.describe());
            INDArray scores = NpyReader.read(out.resolve("scores.npy"));
            assertEquals(DeepLift.of(net).withRules(policies[r]).explain(x, 0).scores(), scores, rules[r]);
            all.add(scores);
        }
        assertFalse(all.get(0).equalsWithEps(all.get(1), 1e-6), "RevealCancel differs from Rescale here");
        assertFalse(all.get(0).equalsWithEps(all.get(2), 1e-6), "gradients differ from Rescale here");
    }

    @Test
    void pngIsAHeatmapGridReadableByImageIo() throws IOException {
        MultiLayerNetwork cnn = CliTestModels.cnn();
        INDArray x = inputs(DataType.FLOAT, 10, 36, 14).reshape(10, 1, 6, 6);
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(cnn, dir.resolve("cnn.zip")), npy(x, "x.npy"), out, "--png",
                "--target", "all");

        assertEquals(0, run.code(), run.describe());
        BufferedImage image = ImageIO.read(out.resolve("heatmaps.png").toFile());
        assertNotNull(image, "ImageIO reads the PNG");
        // A column per unit and a row per example (the first 8), each cell at least 224 pixels.
        assertTrue(image.getWidth() >= 3 * 224 && image.getWidth() < 4 * 224, "width " + image.getWidth());
        assertTrue(image.getHeight() >= 8 * 224 && image.getHeight() < 9 * 260, "height " + image.getHeight());
    }

    @Test
    void helpListsEveryOptionWithItsDefault() {
        CliRun help = CliRun.of("explain", "--help");
        assertEquals(0, help.code());
        List<String> names = ExplainOptions.SPECS.stream().map(OptionSpec::name).toList();
        assertEquals(List.of("--model", "--input", "--mask", "--out", "--shape", "--reference", "--seed", "--target", "--step",
                "--rule",
                "--batch-size", "--layout", "--csv", "--png", "--help"), names);
        for (OptionSpec o : ExplainOptions.SPECS) {
            String line = help.out().lines().filter(l -> l.startsWith("  " + o.name() + " ")
                    || l.equals("  " + o.name())).findFirst().orElse(null);
            assertNotNull(line, o.name() + " listed:\n" + help.out());
            int at = help.out().indexOf(line);
            int next = help.out().indexOf("\n  --", at + 1);
            String entry = help.out().substring(at, next < 0 ? help.out().length() : next);
            assertTrue(entry.contains("[" + o.defaultText() + "]"), o.name() + ": " + entry);
        }
        assertTrue(help.out().contains("[default: zeros]") && help.out().contains("[default: predicted]")
                && help.out().contains("[default: rescale]") && help.out().contains("[default: 256]")
                && help.out().contains("[required]"), help.out());

        CliRun all = CliRun.of("--help");
        assertEquals(0, all.code());
        assertTrue(all.out().contains(help.out()), "the top-level help holds explain's");
        assertTrue(all.out().contains("DeepLiftCli demo") && all.out().contains("[default: deeplift-demo]"),
                all.out());
        assertEquals(0, CliRun.of("demo", "--help").code());
    }

    @Test
    void aMaskFileIsAppliedAsTheLibraryAppliesIt() throws IOException {
        MultiLayerNetwork net = CliTestModels.lstm();
        INDArray x = inputs(DataType.DOUBLE, 3 * 5, 3).reshape(3, CliTestModels.MLP_IN, 5);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {0, 1, 1, 1, 1}});
        Path out = dir.resolve("out");
        CliRun run = explain(CliTestModels.save(net, dir.resolve("lstm.zip")), npy(x, "x.npy"), out,
                "--target", "2", "--mask", npy(mask, "mask.npy").toString());

        assertEquals(0, run.code(), run.describe());
        Attribution expected = DeepLift.of(net).explain(x, Nd4j.zeros(DataType.DOUBLE, 1, CliTestModels.MLP_IN, 5),
                2, mask);
        assertEquals(expected.scores(), NpyReader.read(out.resolve("scores.npy")));
        Attribution unmasked = DeepLift.of(net).explain(x, 2);
        assertFalse(unmasked.scores().equals(expected.scores()), "the mask changes the scores");
        assertTrue(run.out().contains("mask"), run.out());
    }

    @Test
    void aMaskWithAnotherNumberOfRowsIsRefused() throws IOException {
        MultiLayerNetwork net = CliTestModels.lstm();
        INDArray x = inputs(DataType.DOUBLE, 3 * 5, 3).reshape(3, CliTestModels.MLP_IN, 5);
        CliRun run = explain(CliTestModels.save(net, dir.resolve("lstm.zip")), npy(x, "x.npy"), dir.resolve("out"),
                "--mask", npy(Nd4j.ones(DataType.DOUBLE, 2, 5), "mask.npy").toString());
        assertEquals(CliException.FAILURE, run.code(), run.describe());
        assertTrue(run.err().contains("one per example"), run.err());
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

    /** {@code [n, 6]} standard normal values, as the MLP takes them. */
    private static INDArray inputs(DataType type, int n, long seed) {
        return inputs(type, n, CliTestModels.MLP_IN, seed);
    }

    private static INDArray inputs(DataType type, int n, int features, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.randn(type, n, features);
    }

    private static List<String> files(Path out) throws IOException {
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    private static List<String[]> summationRows(Path out) throws IOException {
        List<String> lines = Files.readAllLines(out.resolve("summation.csv"), StandardCharsets.UTF_8);
        assertEquals(SummationCsv.HEADER, lines.get(0));
        return lines.subList(1, lines.size()).stream().map(l -> l.split(",")).toList();
    }

    private static INDArray oneHotDna(int n, int length, long seed) {
        Random random = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.FLOAT, n, 4, length);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < length; p++) {
                x.putScalar(new long[] {i, random.nextInt(4), p}, 1.0);
            }
        }
        return x;
    }
}
