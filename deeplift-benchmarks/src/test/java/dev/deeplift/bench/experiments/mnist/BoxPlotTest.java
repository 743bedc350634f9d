package dev.deeplift.bench.experiments.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.plot.Figure;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The box plot's pixels sit where its quartiles say. */
class BoxPlotTest {
    private static final int FILL = BoxPlot.BOX_FILL.getRGB() & 0xFFFFFF;
    private static final int MEDIAN = BoxPlot.MEDIAN.getRGB() & 0xFFFFFF;
    private static final int INK = BoxPlot.INK.getRGB() & 0xFFFFFF;
    private static final int WHITE = 0xFFFFFF;

    // Box 0: 0..8, quartiles 2, 4, 6, whiskers 0 and 8. Box 1: 10..18, quartiles 12, 14, 16, whiskers 10 and 18.
    private static final double[] LOW = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    private static final double[] HIGH = {10, 11, 12, 13, 14, 15, 16, 17, 18};

    private final BoxPlot plot = BoxPlot.titled("test").withYLabel("value").withBox("low", LOW).withBox("high", HIGH);
    private final Figure figure = plot.render();
    private final BoxPlot.Axis axis = plot.axis();

    @Test
    void hasASlotPerBox() {
        assertEquals(BoxPlot.LEFT + 2 * BoxPlot.SLOT + BoxPlot.RIGHT, figure.width());
        assertEquals(BoxPlot.TOP + BoxPlot.PLOT_HEIGHT + BoxPlot.BOTTOM, figure.height());
    }

    @Test
    void medianLineAndBoxFillAreAtTheQuartiles() {
        int x0 = BoxPlot.centerX(0) + 5; // beside the whisker's line, inside the box
        int x1 = BoxPlot.centerX(1) + 5;
        assertEquals(MEDIAN, figure.rgb(x0, axis.y(4)));
        assertEquals(MEDIAN, figure.rgb(x1, axis.y(14)));
        assertEquals(FILL, figure.rgb(x0, axis.y(3)), "between Q1 and the median");
        assertEquals(FILL, figure.rgb(x0, axis.y(5)), "between the median and Q3");
        assertEquals(FILL, figure.rgb(x1, axis.y(15)));
        // Box 0 ends at 6: above it, beside the whisker, nothing of the box is drawn.
        assertNotEquals(FILL, figure.rgb(x0, axis.y(7)));
        assertNotEquals(FILL, figure.rgb(x1, axis.y(11)), "box 1 starts at 12");
    }

    @Test
    void whiskersReachTheExtremesAndNoFurther() {
        int cx = BoxPlot.centerX(0);
        assertEquals(INK, figure.rgb(cx, axis.y(7)), "upper whisker between 6 and 8");
        assertEquals(INK, figure.rgb(cx, axis.y(1)), "lower whisker between 0 and 2");
        assertNotEquals(INK, figure.rgb(cx, axis.y(10)), "nothing above box 0's top whisker at 8");
        int cx1 = BoxPlot.centerX(1);
        assertEquals(INK, figure.rgb(cx1, axis.y(17)));
        assertNotEquals(INK, figure.rgb(cx1, axis.y(9)), "nothing below box 1's bottom whisker at 10");
    }

    @Test
    void outsideTheBoxesIsBackground() {
        int between = (BoxPlot.centerX(0) + BoxPlot.centerX(1)) / 2;
        int y = axis.y(5) + 3; // off the grid lines, which sit at whole ticks
        assertTrue(figure.rgb(between, y) == WHITE || figure.rgb(between, y) == 0xE6E6E6);
    }

    @Test
    void savesAPng(@TempDir Path dir) throws Exception {
        Path file = figure.save(dir.resolve("box.png"));
        assertTrue(Files.size(file) > 0);
    }

    @Test
    void refusesEmptyPlotsAndNonFiniteValues() {
        assertThrows(IllegalArgumentException.class, () -> BoxPlot.titled("x").render());
        assertThrows(IllegalArgumentException.class, () -> BoxPlot.titled("x").withBox("a", new double[0]));
        assertThrows(IllegalArgumentException.class,
                () -> BoxPlot.titled("x").withBox("a", new double[] {1, Double.NaN}));
    }
}
