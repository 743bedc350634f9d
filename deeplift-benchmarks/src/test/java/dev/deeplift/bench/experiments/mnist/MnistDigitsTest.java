package dev.deeplift.bench.experiments.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The loader and the split on the hand-made fixture under {@code mnist-fixture/} (see its README). */
class MnistDigitsTest {

    static Path fixture() {
        try {
            return Path.of(MnistDigitsTest.class.getResource("/mnist-fixture/package").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void readsEveryImageWithItsLabelInFileOrder() {
        MnistDigits digits = MnistDigits.load(fixture());
        assertEquals(11, digits.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 8, 9}, digits.labels());
        INDArray images = digits.images();
        assertArrayEquals(new long[] {11, 1, 28, 28}, images.shape());
        assertEquals(DataType.FLOAT, images.dataType());
        int[] column = {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0}; // the second 8 has its bright pixel in column 1
        for (int i = 0; i < 11; i++) {
            int label = digits.label(i);
            assertEquals(1.0, images.getDouble(i, 0, label, column[i]), 0.0, "image " + i);
            assertEquals(0.5, images.getDouble(i, 0, 27, 27), 0.0, "image " + i);
            double expectedSum = i == 9 ? 1.75 : 1.5;
            assertEquals(expectedSum, images.get(NDArrayIndex.point(i)).sumNumber()
                    .doubleValue(), 1e-6, "image " + i);
        }
        assertEquals(0.25, images.getDouble(9, 0, 14, 14), 0.0);
    }

    @Test
    void selectsAClassInOrder() {
        MnistDigits eights = MnistDigits.load(fixture()).ofClass(8);
        assertArrayEquals(new int[] {8, 8}, eights.labels());
        assertEquals(0.0, eights.images().getDouble(0, 0, 14, 14), 0.0);
        assertEquals(0.25, eights.images().getDouble(1, 0, 14, 14), 0.0);
        assertEquals(1, eights.first(1).size());
    }

    @Test
    void splitsEachDigitFirstPartToTraining() {
        MnistSplit split = MnistSplit.of(MnistDigits.load(fixture()), 0.5);
        // floor(0.5 × 1) = 0 of each single image to training; floor(0.5 × 2) = 1 of the two 8s.
        assertArrayEquals(new int[] {8}, split.train().labels());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9}, split.test().labels());
        assertEquals(0.0, split.train().images().getDouble(0, 0, 14, 14), 0.0, "the first 8 trains");
        assertEquals(0.25, split.test().images().getDouble(8, 0, 14, 14), 0.0, "the second 8 tests");
    }

    @Test
    void refusesACountThatIsNotWholeImages(@TempDir Path dir) throws IOException {
        Path copy = copyFixture(dir);
        Files.writeString(copy.resolve("src/digits/3.json"), "{ \"data\": [0, 0.5, 1] }");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistDigits.load(copy));
        assertTrue(e.getMessage().contains("3.json") && e.getMessage().contains("multiple of 784"), e.getMessage());
    }

    @Test
    void refusesValuesOutsideZeroToOne(@TempDir Path dir) throws IOException {
        Path copy = copyFixture(dir);
        String bad = Files.readString(copy.resolve("src/digits/5.json")).replaceFirst("\\b1\\b", "255");
        Files.writeString(copy.resolve("src/digits/5.json"), bad);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistDigits.load(copy));
        assertTrue(e.getMessage().contains("outside [0, 1]"), e.getMessage());
    }

    @Test
    void aMissingFileNamesTheFetchScript(@TempDir Path dir) throws IOException {
        Path copy = copyFixture(dir);
        Files.delete(copy.resolve("src/digits/9.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MnistDigits.load(copy));
        assertTrue(e.getMessage().contains("fetch-mnist.sh"), e.getMessage());
    }

    private static Path copyFixture(Path dir) throws IOException {
        Path digits = Files.createDirectories(dir.resolve("package/src/digits"));
        for (int d = 0; d < 10; d++) {
            Files.copy(fixture().resolve("src/digits/" + d + ".json"), digits.resolve(d + ".json"));
        }
        return dir.resolve("package");
    }
}
