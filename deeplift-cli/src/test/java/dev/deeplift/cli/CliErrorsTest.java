package dev.deeplift.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.dl4j.DeepLift;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Every error is one line on stderr, with a non-zero exit code, and leaves no output file behind: the output folder
 * is not created, or keeps exactly what it held before.
 */
class CliErrorsTest {
    @TempDir
    Path dir;

    private Path model;
    private Path input;

    @BeforeEach
    void saveAModelAndInputs() throws IOException {
        model = CliTestModels.save(CliTestModels.mlp(DataType.FLOAT), dir.resolve("net.zip"));
        input = dir.resolve("x.npy");
        Nd4j.getRandom().setSeed(1);
        NpyWriter.write(Nd4j.randn(DataType.FLOAT, 4, CliTestModels.MLP_IN), input);
    }

    @Test
    void missingModelFile() {
        assertFails(CliException.FAILURE, "error: model file not found: " + dir.resolve("nothing.zip"),
                "--model", dir.resolve("nothing.zip").toString(), "--input", input.toString());
    }

    @Test
    void missingInputAndReferenceFiles() {
        assertFails(CliException.FAILURE, "error: input file not found: " + dir.resolve("x.csv"),
                "--model", model.toString(), "--input", dir.resolve("x.csv").toString());
        assertFails(CliException.FAILURE, "error: reference file not found: " + dir.resolve("r.npy"),
                "--model", model.toString(), "--input", input.toString(), "--reference", "file:" + dir.resolve("r.npy"));
    }

    @Test
    void aFileThatIsNotAModel() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.zip"), "not a zip");
        assertFails(CliException.FAILURE, "is not a DL4J model saved with ModelSerializer: it is not a zip file",
                "--model", text.toString(), "--input", input.toString());
    }

    @Test
    void inputsOfTheWrongShape() throws IOException {
        Path csv = Files.writeString(dir.resolve("five.csv"), "1,2,3,4,5\n6,7,8,9,10\n");
        assertFails(CliException.FAILURE, "error: input has shape [2, 5] but the network expects [N, 6]",
                "--model", model.toString(), "--input", csv.toString());
        assertFails(CliException.FAILURE, "--shape [2, 2] needs 4 values per example but each example of " + csv
                + " (shape [2, 5]) has 5", "--model", model.toString(), "--input", csv.toString(), "--shape", "2,2");
        Path ragged = Files.writeString(dir.resolve("ragged.csv"), "1,2,3,4,5,6\n1,2,3\n");
        assertFails(CliException.FAILURE, "line 2 has 3 values but line 1 has 6",
                "--model", model.toString(), "--input", ragged.toString());
        Path ref = dir.resolve("ref.npy");
        NpyWriter.write(Nd4j.zeros(DataType.FLOAT, 3, CliTestModels.MLP_IN), ref);
        assertFails(CliException.FAILURE, "the reference has shape [3, 6] but the input has 4 examples",
                "--model", model.toString(), "--input", input.toString(), "--reference", "file:" + ref);
        assertFails(CliException.FAILURE, "--png draws images [N, C, H, W] or [N, H, W, C]; the input has shape [4, 6]",
                "--model", model.toString(), "--input", input.toString(), "--png");
        assertFails(CliException.FAILURE, "shuffled-dna references need one-hot sequences",
                "--model", model.toString(), "--input", input.toString(), "--reference", "shuffled-dna:3");
    }

    @Test
    void unsupportedLayerGivesTheLibrarysMessage() throws IOException {
        MultiLayerNetwork unsupported = CliTestModels.unsupported();
        String expected = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(unsupported))
                .getMessage();
        Path unsupportedModel = CliTestModels.save(unsupported, dir.resolve("repeat.zip"));
        Path vectors = dir.resolve("vectors.npy");
        NpyWriter.write(Nd4j.rand(DataType.FLOAT, 2, CliTestModels.MLP_IN), vectors);
        String err = assertFails(CliException.FAILURE, "error: " + expected.replaceAll("\\s*\\R\\s*", " ").trim(),
                "--model", unsupportedModel.toString(), "--input", vectors.toString());
        assertTrue(err.contains("RepeatVector") && err.contains("memory"), err);
    }

    @Test
    void targetOutOfRange() {
        assertFails(CliException.FAILURE, "Target 7 of example 0 is out of range: the output has 3 units",
                "--model", model.toString(), "--input", input.toString(), "--target", "7");
    }

    @Test
    void badOptions() {
        assertFails(CliException.USAGE, "error: unknown option --frobnicate for explain (see explain --help)",
                "--model", model.toString(), "--input", input.toString(), "--frobnicate", "3");
        assertFails(CliException.USAGE, "error: --rule must be one of rescale|reveal-cancel|gradient|genomics; got "
                + "'deconvnet'", "--model", model.toString(), "--input", input.toString(), "--rule", "deconvnet");
        assertFails(CliException.USAGE, "error: --batch-size must be a whole number >= 1; got '0'",
                "--model", model.toString(), "--input", input.toString(), "--batch-size", "0");
        assertFails(CliException.USAGE, "error: missing --input PATH (see --help)", "--model", model.toString());
        assertFails(CliException.USAGE, "error: --target needs a value T",
                "--model", model.toString(), "--input", input.toString(), "--target");
    }

    @Test
    void badCommands() {
        CliRun none = CliRun.of();
        assertEquals(CliException.USAGE, none.code());
        assertEquals("error: no command given: use explain or demo (see --help)\n", none.err());
        CliRun unknown = CliRun.of("explian", "--model", "m");
        assertEquals(CliException.USAGE, unknown.code());
        assertEquals("error: unknown command 'explian': use explain or demo (see --help)\n", unknown.err());
        assertEquals("", unknown.out());
    }

    @Test
    void anErrorLeavesAnExistingOutputFolderAsItWas() throws IOException {
        Path out = Files.createDirectories(dir.resolve("kept"));
        Files.writeString(out.resolve("scores.npy"), "older results");
        CliRun run = CliRun.of("explain", "--model", model.toString(), "--input", input.toString(), "--out",
                out.toString(), "--target", "9");
        assertEquals(CliException.FAILURE, run.code(), run.describe());
        assertEquals(List.of("scores.npy"), list(out));
        assertEquals("older results", Files.readString(out.resolve("scores.npy")));
    }

    @Test
    void aFailureWhileWritingLeavesNoFile() throws IOException {
        Path out = Files.createDirectories(dir.resolve("blocked"));
        Files.writeString(Files.createDirectories(out.resolve("summation.csv")).resolve("inside.txt"), "x");
        CliRun run = CliRun.of("explain", "--model", model.toString(), "--input", input.toString(), "--out",
                out.toString(), "--csv");
        assertEquals(CliException.FAILURE, run.code(), run.describe());
        assertEquals("error: cannot write " + out.toAbsolutePath().resolve("summation.csv")
                + ": a folder of that name is in the way\n", run.err());
        assertEquals(List.of("summation.csv"), list(out), "scores.npy and scores.csv were written, then removed");
    }

    /** Runs explain into a new output folder; checks the code, the one-line message, and that no output exists. */
    private String assertFails(int code, String message, String... args) {
        Path out = dir.resolve("out").resolve("nested");
        List<String> all = new ArrayList<>(List.of("explain", "--out", out.toString()));
        all.addAll(List.of(args));
        CliRun run = CliRun.of(all.toArray(new String[0]));
        assertEquals(code, run.code(), run.describe());
        assertEquals(1, run.err().lines().count(), "one line on stderr: " + run.err());
        assertTrue(run.err().startsWith("error: "), run.err());
        assertTrue(run.err().contains(message), "'" + message + "' in: " + run.err());
        assertFalse(Files.exists(dir.resolve("out")), "no output folder is left: " + run.describe());
        assertEquals("", run.out());
        return run.err();
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
