package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import static dev.deeplift.plot.PlotTesting.array;
import static dev.deeplift.plot.PlotTesting.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Figures: PNG files, immutability, headless drawing, and attributions as input. */
class PlotFigureTest {
    static {
        PlotTesting.headless();
    }

    @TempDir
    Path dir;

    private static final INDArray SCORES = array(shape(1, 1, 2, 2), 1, -1, 0, 0.5);

    @Test
    void savingWritesAPngThatImageIoReadsBackPixelForPixel() throws IOException {
        Figure f = Heatmap.of(SCORES, Layout.NCHW).withScale(7).render();
        Path file = dir.resolve("h.png");
        assertEquals(file, f.save(file));
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(bytes, 4));
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(f.width(), back.getWidth());
        assertEquals(f.height(), back.getHeight());
        for (int y = 0; y < f.height(); y++) {
            for (int x = 0; x < f.width(); x++) {
                assertEquals(f.rgb(x, y), back.getRGB(x, y) & 0xFFFFFF, "pixel (" + x + ", " + y + ")");
            }
        }
    }

    @Test
    void logosAndGridsSaveToo() throws IOException {
        Path logo = Plots.sequenceLogo(array(shape(5, 4), new double[20]), 0, 5).save(dir.resolve("logo.png"));
        assertEquals(2 * SequenceLogo.PADDING + 5 * SequenceLogo.DEFAULT_POSITION_WIDTH,
                ImageIO.read(logo.toFile()).getWidth());
        Figure grid = Grid.of(1).with("one", Plots.heatmap(SCORES, Layout.NCHW)).render();
        assertEquals(grid.height(), ImageIO.read(grid.save(dir.resolve("grid.png")).toFile()).getHeight());
    }

    @Test
    void anUnwritablePathFailsWithTheFileInTheMessage() {
        Path missing = dir.resolve("no-such-dir").resolve("h.png");
        var e = assertThrows(UncheckedIOException.class, () -> Plots.heatmap(SCORES, Layout.NCHW).save(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }

    @Test
    void aFigureCannotBeChangedThroughItsImages() {
        Figure f = Heatmap.of(SCORES, Layout.NCHW).withScale(1).render();
        BufferedImage copy = f.image();
        copy.setRGB(0, 0, 0x00FF00);
        assertEquals(0xFF0000, f.rgb(0, 0));

        BufferedImage source = new BufferedImage(2, 1, BufferedImage.TYPE_INT_ARGB);
        source.setRGB(0, 0, 0xFF123456);
        Figure wrapped = Figure.of(source);
        source.setRGB(0, 0, 0xFF000000);
        assertEquals(0x123456, wrapped.rgb(0, 0));
        assertEquals(0xFFFFFF, wrapped.rgb(1, 0), "transparent pixels become white");
        assertThrows(IllegalArgumentException.class, () -> wrapped.rgb(2, 0));
    }

    @Test
    void drawingNeedsNoDisplay() {
        assertTrue(GraphicsEnvironment.isHeadless());
        Figure f = Grid.of(2).with("heatmap", Plots.heatmap(SCORES, Layout.NCHW))
                .with("logo", Plots.sequenceLogo(array(shape(1, 4), 1, 0, 0, 0), 0, 1)).render();
        assertTrue(f.width() > 0 && f.height() > 0);
    }

    @Test
    void anAttributionIsDrawnFromItsScores() {
        Attribution a = scoresOnly(SCORES);
        PlotTesting.assertSamePixels(Plots.heatmap(SCORES, Layout.NCHW), Plots.heatmap(a, Layout.NCHW));
        INDArray dna = array(shape(2, 4, 3), new double[24]).putScalar(new long[] {1, 2, 1}, 1.5);
        Attribution genomic = scoresOnly(dna);
        PlotTesting.assertSamePixels(Plots.sequenceLogo(dna, 1, 0, 3), Plots.sequenceLogo(genomic, 1, 0, 3));
        PlotTesting.assertSamePixels(HeatmapGrid.of(Layout.NCHW).withColumn("s", SCORES).render(),
                HeatmapGrid.of(Layout.NCHW).withColumn("s", a).render());
    }

    /** An attribution whose scores are the given array (multipliers equal, deltas their sums). */
    private static Attribution scoresOnly(INDArray scores) {
        INDArray deltas = scores.reshape(scores.size(0), -1).sum(1);
        return Attribution.of(scores, Nd4j.onesLike(scores), deltas, new int[(int) scores.size(0)], "fixed");
    }
}
