package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import static dev.deeplift.plot.PlotTesting.array;
import static dev.deeplift.plot.PlotTesting.assertSamePixels;
import static dev.deeplift.plot.PlotTesting.blue;
import static dev.deeplift.plot.PlotTesting.green;
import static dev.deeplift.plot.PlotTesting.red;
import static dev.deeplift.plot.PlotTesting.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Heatmap colours at known pixels, channel sums, layouts, batches, overlays and scales. */
class PlotHeatmapTest {
    static {
        PlotTesting.headless();
    }

    private static final int RED = 0xFF0000;
    private static final int BLUE = 0x0000FF;
    private static final int WHITE = 0xFFFFFF;
    private static final int LIGHT_RED = 0xFF8080;

    /** [[+1, -1], [0, +0.5]] as a batch of one single-channel image. */
    private static final INDArray TWO_BY_TWO = array(shape(1, 1, 2, 2), 1, -1, 0, 0.5);

    @Test
    void plusOneMinusOneZeroAndHalfAreRedBlueWhiteAndLightRedAfterScaling() {
        Figure f = Heatmap.of(TWO_BY_TWO, Layout.NCHW).withScale(10).render();
        assertEquals(20, f.width());
        assertEquals(20, f.height());
        // Each score is a 10 × 10 block: (column, row) of the score times 10, corners and centre alike.
        for (int[] offset : new int[][] {{0, 0}, {5, 5}, {9, 9}, {0, 9}, {9, 0}}) {
            int dx = offset[0];
            int dy = offset[1];
            assertEquals(RED, f.rgb(dx, dy));
            assertEquals(BLUE, f.rgb(10 + dx, dy));
            assertEquals(WHITE, f.rgb(dx, 10 + dy));
            assertEquals(LIGHT_RED, f.rgb(10 + dx, 10 + dy));
        }
    }

    @Test
    void channelsAreSummedPerPixelAndEveryLayoutGivesTheSamePicture() {
        // Two channels; per-pixel sums [[0, 1], [-1, 0.5]]: the first pixel cancels to white.
        INDArray chw = array(shape(2, 2, 2), 1, 0.5, -1, 0, /* channel 1 */ -1, 0.5, 0, 0.5);
        INDArray hwc = chw.permute(1, 2, 0).dup('c');
        Figure reference = Heatmap.of(chw, Layout.CHW).withScale(3).render();
        assertEquals(WHITE, reference.rgb(1, 1));
        assertEquals(RED, reference.rgb(4, 1));
        assertEquals(BLUE, reference.rgb(1, 4));
        assertEquals(LIGHT_RED, reference.rgb(4, 4));

        Figure[] others = {
            Heatmap.of(chw.reshape(1, 2, 2, 2), Layout.NCHW).withScale(3).render(),
            Heatmap.of(hwc, Layout.HWC).withScale(3).render(),
            Heatmap.of(hwc.reshape(1, 2, 2, 2), Layout.NHWC).withScale(3).render(),
            Heatmap.of(chw.sum(0), Layout.HW).withScale(3).render(),
            // A strided view rather than a fresh array.
            Heatmap.of(chw.permute(1, 2, 0), Layout.HWC).withScale(3).render(),
        };
        for (Figure other : others) {
            assertSamePixels(reference, other);
        }
    }

    @Test
    void aBatchNeedsAChosenExampleAndDrawsThatOne() {
        INDArray batch = array(shape(2, 1, 1, 2), 1, 0, /* example 1 */ 0, -1);
        var e = assertThrows(IllegalArgumentException.class, () -> Plots.heatmap(batch, Layout.NCHW));
        assertTrue(e.getMessage().contains("2 examples"), e.getMessage());
        Figure second = Plots.heatmap(batch, Layout.NCHW, 1);
        int k = second.width() / 2;
        assertEquals(WHITE, second.rgb(0, 0));
        assertEquals(BLUE, second.rgb(k, 0));
        Figure first = Plots.heatmap(batch, Layout.NCHW, 0);
        assertEquals(RED, first.rgb(0, 0));
        assertEquals(WHITE, first.rgb(k, 0));
    }

    @Test
    void theDefaultScaleEnlargesSmallImagesAndAnExplicitOneWins() {
        INDArray mnistSized = array(shape(28, 28), new double[28 * 28]);
        Figure auto = Plots.heatmap(mnistSized, Layout.HW);
        assertEquals(224, auto.width());
        assertEquals(224, auto.height());
        Figure three = Heatmap.of(mnistSized, Layout.HW).withScale(3).render();
        assertEquals(84, three.width());
        assertEquals(84, three.height());
        Figure wide = Heatmap.of(array(shape(2, 300), new double[600]), Layout.HW).render();
        assertEquals(300, wide.width());
        assertEquals(2, wide.height());
    }

    @Test
    void anAllZeroMapIsWhite() {
        Figure f = Heatmap.of(array(shape(3, 3), new double[9]), Layout.HW).withScale(2).render();
        assertEquals(f.width() * f.height(), PlotTesting.count(f, 0, 0, f.width(), f.height(), PlotTesting::isWhite));
    }

    @Test
    void aLimitSetsTheColourScaleAndClipsLargerScores() {
        INDArray s = array(shape(1, 3), 1, 4, -4);
        Figure f = Heatmap.of(s, Layout.HW).withScale(1).withLimit(2).render();
        assertEquals(LIGHT_RED, f.rgb(0, 0));
        assertEquals(RED, f.rgb(1, 0));
        assertEquals(BLUE, f.rgb(2, 0));
    }

    @Test
    void anOverlayBlendsTowardTheInputsGrey() {
        // Scores [[0, 0], [1, 0.5]] over input [[0, 1], [0, 0]]: darkest input 0, brightest 1.
        INDArray scores = array(shape(2, 2), 0, 0, 1, 0.5);
        INDArray input = array(shape(2, 2), 0, 1, 0, 0);
        Figure over = Heatmap.of(scores, Layout.HW).withOverlay(input).withScale(1).render();
        Figure plain = Heatmap.of(scores, Layout.HW).withScale(1).render();

        int zeroOnDark = over.rgb(0, 0);
        assertEquals(red(zeroOnDark), green(zeroOnDark));
        assertEquals(green(zeroOnDark), blue(zeroOnDark));
        assertEquals((int) Math.round(255 * DivergingColors.INPUT_FLOOR), red(zeroOnDark), "faded black: grey");
        assertEquals(WHITE, over.rgb(1, 0), "zero score over the brightest input shows white");
        assertEquals(RED, over.rgb(0, 1), "the largest score is pure colour over any input");

        int halfOnDark = over.rgb(1, 1);
        assertTrue(red(halfOnDark) > green(halfOnDark) + 100, "still red: " + Integer.toHexString(halfOnDark));
        assertTrue(red(halfOnDark) < 255 && green(halfOnDark) < green(plain.rgb(1, 1)),
                "darker than the same score on white: " + Integer.toHexString(halfOnDark));
        assertEquals(LIGHT_RED, plain.rgb(1, 1));
    }

    @Test
    void anOverlayOfAColourImageUsesItsChannelMean() {
        // Three channels; the mean is 0 at the left pixel and 1 at the right, so grey and white.
        INDArray input = array(shape(1, 3, 1, 2), 0, 1, /* */ 0, 1, /* */ 0, 1);
        INDArray scores = array(shape(1, 3, 1, 2), 0, 0, 0, 0, 0, 0);
        Figure f = Plots.heatmap(scores, input, Layout.NCHW);
        assertEquals(0x666666, f.rgb(0, 0));
        assertEquals(WHITE, f.rgb(f.width() - 1, 0));
    }
}
