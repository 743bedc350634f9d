package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import static dev.deeplift.plot.PlotTesting.array;
import static dev.deeplift.plot.PlotTesting.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bad input to the pictures gets an IllegalArgumentException that says what is wrong. */
class PlotBadInputTest {
    static {
        PlotTesting.headless();
    }

    private static final INDArray IMAGE = array(shape(2, 1, 2, 2), 1, 2, 3, 4, 5, 6, 7, 8);
    private static final INDArray DNA = array(shape(6, 4), new double[24]);

    private static void assertRefused(Executable call, String... parts) {
        var e = assertThrows(IllegalArgumentException.class, call);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message \"" + e.getMessage() + "\" lacks \"" + p + "\"");
        }
    }

    @Test
    void wrongRankNamesTheShapeAndTheLayout() {
        assertRefused(() -> Plots.heatmap(array(shape(2, 2), 1, 2, 3, 4), Layout.NCHW), "[2, 2]",
                "[N, C, H, W]");
        assertRefused(() -> Plots.heatmap(IMAGE, Layout.HWC), "[2, 1, 2, 2]", "[H, W, C]");
        assertRefused(() -> Plots.sequenceLogo(Nd4j.zeros(DataType.DOUBLE, 1, 1, 4, 5), 0, 0, 2), "[1, 1, 4, 5]");
    }

    @Test
    void nullAndEmptyArraysAreRefused() {
        assertRefused(() -> Plots.heatmap((INDArray) null, Layout.NCHW), "scores is null");
        assertRefused(() -> Plots.heatmap(IMAGE, null), "layout is null");
        assertRefused(() -> Plots.heatmap(Nd4j.zeros(DataType.DOUBLE, 0, 1, 2, 2), Layout.NCHW), "empty");
        assertRefused(() -> Plots.heatmap(Nd4j.zeros(DataType.DOUBLE, 1, 1, 0, 2), Layout.NCHW), "empty");
        assertRefused(() -> Plots.sequenceLogo(Nd4j.zeros(DataType.DOUBLE, 0, 4), 0, 1), "empty");
        assertRefused(() -> Heatmap.of(IMAGE, Layout.NCHW).withOverlay(null), "input is null");
    }

    @Test
    void nanAndInfinityNameTheExampleAndPosition() {
        INDArray bad = IMAGE.dup();
        bad.putScalar(new long[] {1, 0, 1, 0}, Double.NaN);
        assertRefused(() -> Plots.heatmap(bad, Layout.NCHW, 1), "scores", "NaN", "example 1", "[0, 1, 0]");
        // Only the drawn example is read: example 0 is fine.
        // Its top-left score 1 of largest 4 is a quarter of full red.
        assertEquals(0xFFBFBF, Plots.heatmap(bad, Layout.NCHW, 0).rgb(0, 0));
        INDArray inf = IMAGE.dup();
        inf.putScalar(new long[] {0, 0, 0, 1}, Double.POSITIVE_INFINITY);
        assertRefused(() -> Plots.heatmap(IMAGE, inf, Layout.NCHW, 0), "input", "infinite", "example 0");

        INDArray dna = DNA.dup();
        dna.putScalar(4, 2, Double.NaN);
        assertRefused(() -> Plots.sequenceLogo(dna, 0, 6), "NaN", "position 4", "base G");
        // A NaN outside the window is not drawn, so it is no error.
        assertEquals(2 * SequenceLogo.PADDING + 4 * SequenceLogo.DEFAULT_POSITION_WIDTH,
                Plots.sequenceLogo(dna, 0, 4).width());
    }

    @Test
    void examplesOutOfRangeOrUnchosenAreNamed() {
        assertRefused(() -> Plots.heatmap(IMAGE, Layout.NCHW, 2), "Example 2", "2 examples");
        assertRefused(() -> Plots.heatmap(IMAGE, Layout.NCHW, -1), "Example -1");
        assertRefused(() -> Heatmap.of(array(shape(1, 2, 2), 1, 2, 3, 4), Layout.CHW).withExample(1),
                "no batch axis");
        assertRefused(() -> Plots.sequenceLogo(array(shape(2, 5, 4), new double[40]), 0, 5), "2 examples",
                "withExample");
        assertRefused(() -> Plots.sequenceLogo(array(shape(2, 5, 4), new double[40]), 2, 0, 5), "Example 2");
    }

    @Test
    void windowsOutOfRangeAreRefused() {
        assertRefused(() -> Plots.sequenceLogo(DNA, 0, 7), "Window [0, 7)", "6 positions");
        assertRefused(() -> Plots.sequenceLogo(DNA, -1, 3), "Window [-1, 3)");
        assertRefused(() -> Plots.sequenceLogo(DNA, 3, 3), "Window [3, 3)");
        assertRefused(() -> Plots.sequenceLogo(DNA, 4, 2), "Window [4, 2)");
    }

    @Test
    void sequenceShapesWithoutAClearChannelAxisAreRefused() {
        assertRefused(() -> Plots.sequenceLogo(Nd4j.zeros(DataType.DOUBLE, 4, 4), 0, 4), "ambiguous", "WC or CW");
        assertRefused(() -> Plots.sequenceLogo(Nd4j.zeros(DataType.DOUBLE, 5, 3), 0, 3), "no axis of 4 channels");
        assertRefused(() -> SequenceLogo.of(Nd4j.zeros(DataType.DOUBLE, 5, 3), Layout.CW), "4 channels");
        // An explicit layout settles the ambiguous case.
        assertEquals(2 * SequenceLogo.PADDING + 4 * SequenceLogo.DEFAULT_POSITION_WIDTH,
                SequenceLogo.of(Nd4j.zeros(DataType.DOUBLE, 4, 4), Layout.CW).render().width());
    }

    @Test
    void overlaysOfAnotherShapeAreRefused() {
        assertRefused(() -> Plots.heatmap(IMAGE, array(shape(1, 1, 2, 2), 1, 2, 3, 4), Layout.NCHW, 0),
                "input", "[1, 1, 2, 2]", "[2, 1, 2, 2]");
    }

    @Test
    void badSizesAndLimitsAreRefused() {
        Heatmap h = Heatmap.of(IMAGE, Layout.NCHW).withExample(0);
        assertRefused(() -> h.withScale(0), "scale");
        assertRefused(() -> h.withLimit(0), "limit");
        assertRefused(() -> h.withLimit(Double.NaN), "limit");
        assertRefused(() -> h.withLimit(Double.POSITIVE_INFINITY), "limit");
        assertRefused(() -> h.withScale(100_000).render(), "pixels");
        assertRefused(() -> SequenceLogo.of(DNA).withPositionWidth(0), "position width");
        assertRefused(() -> SequenceLogo.of(DNA).withHeight(-5), "height");
        assertRefused(() -> Heatmap.of(Nd4j.create(DataType.BOOL, 1, 2), Layout.HW), "BOOL");
    }
}
