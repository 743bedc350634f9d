package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import static dev.deeplift.plot.PlotTesting.array;
import static dev.deeplift.plot.PlotTesting.count;
import static dev.deeplift.plot.PlotTesting.shape;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Grids: their size, where each cell goes, and titles in the band above each cell. */
class PlotGridTest {
    static {
        PlotTesting.headless();
    }

    private static final int CELL = 80;

    /** Three examples of 2 × 2 single-channel scores: example i is all +1 (i = 0), all -1 (1) or zero (2). */
    private static final INDArray SCORES = array(shape(3, 1, 2, 2), 1, 1, 1, 1, -1, -1, -1, -1, 0, 0, 0, 0);

    @Test
    void aHeatmapGridHasARowPerExampleAndAColumnPerMethodInOrder() {
        Figure f = HeatmapGrid.of(Layout.NCHW).withColumn("Rescale", SCORES)
                .withColumn("Negated", SCORES.neg()).withScale(CELL / 2).render();
        int band = Grid.titleHeight();
        assertEquals(2 * CELL + 3 * Grid.GAP, f.width());
        assertEquals(3 * (band + CELL) + 4 * Grid.GAP, f.height());
        int[][] expected = {{0xFF0000, 0x0000FF}, {0x0000FF, 0xFF0000}, {0xFFFFFF, 0xFFFFFF}};
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 2; col++) {
                assertEquals(expected[row][col], f.rgb(cellX(col) + CELL / 2, cellY(row, band) + band + CELL / 2),
                        "cell (" + row + ", " + col + ")");
            }
        }
    }

    @Test
    void titlesDrawDarkPixelsInTheBandAboveEachCellAndEmptyTitlesNone() {
        Figure titled = Plots.grid(Layout.NCHW, List.of("Rescale", "Gradient"), List.of(SCORES, SCORES));
        // The same cells without titles (a heatmap grid of a batch would still title them "#0", "#1", ...).
        Grid plain = Grid.of(2);
        for (int example = 0; example < 3; example++) {
            Figure cell = Plots.heatmap(SCORES, Layout.NCHW, example);
            plain = plain.with("", cell).with(null, cell);
        }
        Figure untitled = plain.render();
        int band = Grid.titleHeight();
        int cell = (titled.width() - 3 * Grid.GAP) / 2;
        assertEquals(titled.width(), untitled.width());
        assertEquals(titled.height(), untitled.height());
        for (int row = 0; row < 3; row++) {
            for (int col = 0; col < 2; col++) {
                int x = Grid.GAP + col * (cell + Grid.GAP);
                int y = Grid.GAP + row * (band + cell + Grid.GAP);
                assertTrue(count(titled, x, y, x + cell, y + band, PlotTesting::isDark) > 10,
                        "title of cell (" + row + ", " + col + ")");
                assertEquals(0, count(untitled, x, y, x + cell, y + band, PlotTesting::isDark));
            }
        }
        // The gaps between cells stay white.
        assertEquals(titled.height() * Grid.GAP, count(titled, Grid.GAP + cell, 0, 2 * Grid.GAP + cell,
                titled.height(), PlotTesting::isWhite));
    }

    @Test
    void aGridOfAnyFiguresIsSizedByTheLargestAndCentresTheOthers() {
        Figure big = Heatmap.of(array(shape(1, 1), 1), Layout.HW).withScale(40).render();
        Figure small = Heatmap.of(array(shape(1, 1), -1), Layout.HW).withScale(10).render();
        Figure f = Grid.of(2).with("big", big).with("small", small).with("third", small).render();
        int band = Grid.titleHeight();
        assertEquals(2 * 40 + 3 * Grid.GAP, f.width());
        assertEquals(2 * (band + 40) + 3 * Grid.GAP, f.height());
        int smallLeft = Grid.GAP + (40 + Grid.GAP) + 15;
        int top = Grid.GAP + band;
        assertEquals(0x0000FF, f.rgb(smallLeft, top));
        assertEquals(0x0000FF, f.rgb(smallLeft + 9, top + 9));
        assertEquals(0xFFFFFF, f.rgb(smallLeft - 1, top), "left of a centred figure is white");
        assertEquals(0xFFFFFF, f.rgb(smallLeft, top + 10), "below a smaller figure is white");
        // The third cell starts the second row.
        assertEquals(0x0000FF, f.rgb(Grid.GAP + 15, 2 * Grid.GAP + 2 * band + 40));
    }

    @Test
    void chosenExamplesGiveOneRowEachInTheirOrder() {
        Figure f = HeatmapGrid.of(Layout.NCHW).withColumn("s", SCORES).withExamples(1, 0).withScale(CELL / 2)
                .render();
        int band = Grid.titleHeight();
        assertEquals(2 * (band + CELL) + 3 * Grid.GAP, f.height());
        assertEquals(0x0000FF, f.rgb(cellX(0) + 1, cellY(0, band) + band + 1));
        assertEquals(0xFF0000, f.rgb(cellX(0) + 1, cellY(1, band) + band + 1));
    }

    @Test
    void badGridsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HeatmapGrid.of(Layout.NCHW).render());
        assertThrows(IllegalArgumentException.class, () -> Grid.of(0));
        assertThrows(IllegalArgumentException.class, () -> Grid.of(2).render());
        var e = assertThrows(IllegalArgumentException.class, () -> HeatmapGrid.of(Layout.NCHW)
                .withColumn("a", SCORES).withColumn("b", array(shape(3, 1, 2, 1), 0, 0, 0, 0, 0, 0)));
        assertTrue(e.getMessage().contains("\"b\"") && e.getMessage().contains("[3, 1, 2, 2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> HeatmapGrid.of(Layout.NCHW).withColumn("a", SCORES).withExamples(3));
        assertThrows(IllegalArgumentException.class,
                () -> Plots.grid(Layout.NCHW, List.of("only one title"), List.of(SCORES, SCORES)));
        assertThrows(IllegalArgumentException.class,
                () -> HeatmapGrid.of(Layout.NCHW).withColumn("a", SCORES).withScale(10_000).render());
    }

    private static int cellX(int col) {
        return Grid.GAP + col * (CELL + Grid.GAP);
    }

    private static int cellY(int row, int band) {
        return Grid.GAP + row * (band + CELL + Grid.GAP);
    }
}
