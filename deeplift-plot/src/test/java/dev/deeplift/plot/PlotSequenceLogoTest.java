package dev.deeplift.plot;

import static dev.deeplift.plot.PlotTesting.array;
import static dev.deeplift.plot.PlotTesting.assertSamePixels;
import static dev.deeplift.plot.PlotTesting.count;
import static dev.deeplift.plot.PlotTesting.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Layout;
import dev.deeplift.core.genomics.Dna;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Sequence logos: letters, colours and sides of the axis at known positions; layouts and windows. */
class PlotSequenceLogoTest {
    static {
        PlotTesting.headless();
    }

    private static final int P = SequenceLogo.PADDING;
    private static final int W = SequenceLogo.DEFAULT_POSITION_WIDTH;

    /** [L = 3, 4]: position 0 has A = +2, position 1 has T = -1, position 2 is all zero. */
    private static final INDArray A_UP_T_DOWN = array(shape(3, 4), 2, 0, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0);

    @Test
    void aPositiveAIsGreenAboveTheAxisWithNothingBelowAndANegativeTIsRedBelow() {
        Figure f = Plots.sequenceLogo(A_UP_T_DOWN, 0, 3);
        assertEquals(2 * P + 3 * W, f.width());
        assertEquals(2 * P + SequenceLogo.DEFAULT_HEIGHT + 1, f.height());
        int axis = axisRow(f, 2);
        // Stacks fill the height: +2 above and -1 below put the axis two thirds down.
        assertEquals(P + 2 * SequenceLogo.DEFAULT_HEIGHT / 3.0, axis, 1.0);

        assertTrue(count(f, P, 0, P + W, axis, PlotTesting::isGreen) > 500, "a tall green A above the axis");
        assertEquals(0, count(f, P, axis + 1, P + W, f.height(), rgb -> !PlotTesting.isWhite(rgb)),
                "nothing below the axis at position 0");
        assertTrue(count(f, P + W, axis + 1, P + 2 * W, f.height(), PlotTesting::isRed) > 200, "a red T below");
        assertEquals(0, count(f, P + W, 0, P + 2 * W, axis, rgb -> !PlotTesting.isWhite(rgb)),
                "nothing above the axis at position 1");
        assertEquals(0, count(f, 0, 0, f.width(), f.height(), PlotTesting::isBlue), "no C anywhere");
        // The A reaches the top of the letters' area; the T reaches the bottom.
        assertTrue(count(f, P, P, P + W, P + 3, PlotTesting::isGreen) > 0);
        assertTrue(count(f, P + W, f.height() - P - 3, P + 2 * W, f.height() - P, PlotTesting::isRed) > 0);
    }

    @Test
    void lettersStackByMagnitudeWithTheLargestFarthestFromTheAxis() {
        // Position 0: A = +1, C = +0.5, G = -0.25; position 1: A = +0.5.
        INDArray s = array(shape(2, 4), 1, 0.5, -0.25, 0, 0.5, 0, 0, 0);
        Figure f = SequenceLogo.of(s).withHeight(200).render();
        Extent a = extent(f, P, P + W, PlotTesting::isGreen);
        Extent c = extent(f, P, P + W, PlotTesting::isBlue);
        Extent g = extent(f, P, P + W, PlotTesting::isOrange);
        assertTrue(a.bottom <= c.top + 1, "A above C: " + a + " " + c);
        assertTrue(c.bottom < g.top, "C above the axis, G below: " + c + " " + g);
        // Heights in proportion to the scores: A twice C, and position 1's A half of position 0's.
        assertEquals(2.0, a.height() / (double) c.height(), 0.15);
        Extent halfA = extent(f, P + W, P + 2 * W, PlotTesting::isGreen);
        assertEquals(0.5, halfA.height() / (double) a.height(), 0.05);
        assertEquals(c.bottom, halfA.bottom, 1, "both stacks stand on the axis");
    }

    @Test
    void everyLayoutOfTheSameScoresDrawsTheSameLogo() {
        Figure lc = SequenceLogo.of(A_UP_T_DOWN).render();
        INDArray cl = A_UP_T_DOWN.transpose().dup('c');
        INDArray batchNlc = Nd4j.concat(0, Nd4j.zeros(DataType.DOUBLE, 1, 3, 4), A_UP_T_DOWN.reshape(1, 3, 4));
        INDArray batchNcl = batchNlc.permute(0, 2, 1).dup('c');
        assertEquals(Layout.CW, Layout.detectSequence(cl.shape(), Dna.BASES));
        assertEquals(Layout.NCW, Layout.detectSequence(batchNcl.shape(), Dna.BASES));
        assertSamePixels(lc, Plots.sequenceLogo(cl, 0, 3));
        assertSamePixels(lc, Plots.sequenceLogo(batchNlc, 1, 0, 3));
        assertSamePixels(lc, Plots.sequenceLogo(batchNcl, 1, 0, 3));
        assertSamePixels(lc, SequenceLogo.of(batchNcl.permute(0, 2, 1), Layout.NWC).withExample(1).render());
    }

    @Test
    void aWindowDrawsOnlyItsPositionsFromTheLeft() {
        Figure f = Plots.sequenceLogo(A_UP_T_DOWN, 1, 3);
        assertEquals(2 * P + 2 * W, f.width());
        int axis = axisRow(f, 1);
        // Position 1's T is now first; with nothing above the axis it sits at the top.
        assertEquals(P, axis, 1.0);
        assertTrue(count(f, P, axis + 1, P + W, f.height(), PlotTesting::isRed) > 200);
        assertEquals(0, count(f, 0, 0, f.width(), f.height(), PlotTesting::isGreen), "A is outside the window");
    }

    @Test
    void anAllZeroWindowDrawsOnlyTheAxisInTheMiddle() {
        Figure f = SequenceLogo.of(A_UP_T_DOWN).withWindow(2, 3).withPositionWidth(10).withHeight(40).render();
        assertEquals(2 * P + 10, f.width());
        assertEquals(P + 20, axisRowAt(f, P + 5));
        assertEquals(10, count(f, 0, 0, f.width(), f.height(), rgb -> !PlotTesting.isWhite(rgb)));
    }

    /** The row of the axis line, found in a position whose scores are all zero. */
    private static int axisRow(Figure f, int emptyPosition) {
        return axisRowAt(f, P + emptyPosition * W + W / 2);
    }

    /** The row of the axis line in pixel column {@code x}, where no letter is. */
    private static int axisRowAt(Figure f, int x) {
        int found = -1;
        for (int y = 0; y < f.height(); y++) {
            if (f.rgb(x, y) == (SequenceLogo.AXIS_COLOR.getRGB() & 0xFFFFFF)) {
                assertEquals(-1, found, "one axis row");
                found = y;
            }
        }
        assertTrue(found >= 0, "no axis found");
        return found;
    }

    /** The rows from the first to the last with a pixel passing {@code test} within columns [x0, x1). */
    private static Extent extent(Figure f, int x0, int x1, IntPredicate test) {
        int top = -1;
        int bottom = -1;
        for (int y = 0; y < f.height(); y++) {
            if (count(f, x0, y, x1, y + 1, test) > 0) {
                top = top < 0 ? y : top;
                bottom = y;
            }
        }
        assertTrue(top >= 0, "no pixel of the colour");
        return new Extent(top, bottom);
    }

    private record Extent(int top, int bottom) {
        int height() {
            return bottom - top + 1;
        }
    }
}
