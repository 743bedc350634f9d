package dev.deeplift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The main job: {@code demo} trains, saves and explains, and the explanation finds what the task is about. */
class CliDemoTest {
    @TempDir
    Path dir;

    @Test
    void demoTrainsSavesAndExplainsEndToEnd() throws IOException {
        Path out = dir.resolve("demo");
        CliRun run = CliRun.of("demo", "--out", out.toString());

        assertEquals(0, run.code(), run.describe());
        assertTrue(run.out().contains("running: DeepLiftCli explain --model " + out.toAbsolutePath()
                .resolve("model.zip")), run.out());
        assertEquals(List.of("heatmaps.png", "inputs.npy", "model.zip", "scores-target-0.csv", "scores-target-0.npy",
                "scores-target-1.csv", "scores-target-1.npy", "scores-target-2.csv", "scores-target-2.npy",
                "scores-target-3.csv", "scores-target-3.npy", "summation.csv"), list(out));

        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(out.resolve("model.zip").toFile(), false);
        INDArray x = NpyReader.read(out.resolve("inputs.npy"));
        assertArrayEquals(new long[] {8, 1, 8, 8}, x.shape());
        List<Attribution> expected = DeepLift.of(net).explainTargets(x, Nd4j.zeros(DataType.FLOAT, 1, 1, 8, 8),
                0, 1, 2, 3);
        INDArray[] scores = new INDArray[4];
        for (int k = 0; k < 4; k++) {
            scores[k] = NpyReader.read(out.resolve("scores-target-" + k + ".npy"));
            assertEquals(expected.get(k).scores(), scores[k], "unit " + k);
        }

        int[] predicted = Nd4j.argMax(net.output(x), 1).toIntVector();
        for (int i = 0; i < 8; i++) {
            INDArray image = x.get(NDArrayIndex.point(i)).reshape(8, 8);
            int[] patch = brightestPixel(image);
            int quadrant = (patch[0] / 4) * 2 + patch[1] / 4;
            assertEquals(quadrant, predicted[i], "example " + i + ": the trained network finds the patch");
            int[] top = brightestPixel(scores[quadrant].get(NDArrayIndex.point(i))
                    .reshape(8, 8));
            assertEquals(1.0, image.getDouble(top[0], top[1]), 0.0,
                    "example " + i + ": the largest contribution to its class is a pixel of the patch");
        }

        List<String> rows = Files.readAllLines(out.resolve("summation.csv"), StandardCharsets.UTF_8);
        assertEquals(1 + 8 * 4, rows.size());
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",");
            assertTrue(Double.parseDouble(f[4]) < 1e-4 * (1 + Math.abs(Double.parseDouble(f[2]))), row);
        }
        BufferedImage png = ImageIO.read(out.resolve("heatmaps.png").toFile());
        assertNotNull(png);
        assertTrue(png.getWidth() >= 4 * 224 && png.getHeight() >= 8 * 224, png.getWidth() + " x " + png.getHeight());
    }

    @Test
    void theMainJobRunsTheDemoThroughTheCommandLine() throws IOException {
        // mvn exec:java (the README's main-job command) runs the plugin configured in this module's pom.
        String pom = Files.readString(Path.of("pom.xml"));
        assertTrue(pom.contains("<mainClass>dev.deeplift.cli.DeepLiftCli</mainClass>"), "exec mainClass");
        assertTrue(pom.contains("<argument>demo</argument>"), "exec runs demo");
    }

    /** Row and column of the largest value of an {@code [8, 8]} array. */
    private static int[] brightestPixel(INDArray a) {
        long at = Nd4j.argMax(a.reshape(64)).getLong(0);
        return new int[] {(int) at / 8, (int) at % 8};
    }

    private static List<String> list(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }
}
