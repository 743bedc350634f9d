package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import dev.deeplift.core.Attribution;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Heatmaps of several methods on several examples in one picture: a row per example, a column per method, each
 * cell titled with its method (and example, for a batch). Every cell has its own colour scale, since methods
 * differ in scale (plain gradients against contributions); {@link #withLimit(double)} sets a shared one.
 *
 * <pre>{@code
 * Figure f = HeatmapGrid.of(Layout.NCHW)
 *         .withColumn("Rescale", rescale).withColumn("RevealCancel", revealCancel)
 *         .withOverlay(x).withExamples(0, 1, 2).render();
 * }</pre>
 *
 * <p>Immutable: each {@code with} method returns a new grid.
 */
public final class HeatmapGrid {
    private final Layout layout;
    private final List<String> titles;
    private final List<INDArray> columns;
    private final INDArray input;
    private final int[] examples;
    private final int scale;
    private final double limit;

    private HeatmapGrid(Layout layout, List<String> titles, List<INDArray> columns, INDArray input,
            int[] examples, int scale, double limit) {
        this.layout = layout;
        this.titles = titles;
        this.columns = columns;
        this.input = input;
        this.examples = examples;
        this.scale = scale;
        this.limit = limit;
    }

    /** An empty grid of scores in {@code layout}. */
    public static HeatmapGrid of(Layout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("layout is null");
        }
        return new HeatmapGrid(layout, List.of(), List.of(), null, null, 0, 0);
    }

    /**
     * The grid with one more column: the scores of one method, of the same shape as the other columns.
     *
     * @throws IllegalArgumentException if the scores are null, empty, of the wrong rank, or of another shape than
     *                                  the columns before
     */
    public HeatmapGrid withColumn(String title, INDArray scores) {
        String what = "scores of column \"" + title + "\"";
        Checks.array(scores, layout.rank(), layout.describe(), what);
        INDArray shapeOfAll = columns.isEmpty() ? input : columns.get(0);
        if (shapeOfAll != null && !Arrays.equals(shapeOfAll.shape(), scores.shape())) {
            throw new IllegalArgumentException(what + " have shape " + Arrays.toString(scores.shape())
                    + " but the grid's arrays have shape " + Arrays.toString(shapeOfAll.shape()));
        }
        if (examples != null) {
            checkExamples(scores, examples);
        }
        List<String> t = new ArrayList<>(titles);
        t.add(title == null ? "" : title);
        List<INDArray> c = new ArrayList<>(columns);
        c.add(scores);
        return new HeatmapGrid(layout, Collections.unmodifiableList(t), Collections.unmodifiableList(c), input,
                examples, scale, limit);
    }

    /** The grid with one more column: an attribution's {@link Attribution#scores() scores}. */
    public HeatmapGrid withColumn(String title, Attribution attribution) {
        if (attribution == null) {
            throw new IllegalArgumentException("attribution of column \"" + title + "\" is null");
        }
        return withColumn(title, attribution.scores());
    }

    /** The grid with every heatmap drawn over {@code input} (the scores' shape), as {@link Heatmap#withOverlay}. */
    public HeatmapGrid withOverlay(INDArray input) {
        Checks.array(input, layout.rank(), layout.describe(), "input");
        if (!columns.isEmpty() && !Arrays.equals(columns.get(0).shape(), input.shape())) {
            throw new IllegalArgumentException("input has shape " + Arrays.toString(input.shape())
                    + " but must have the scores' shape " + Arrays.toString(columns.get(0).shape()));
        }
        return new HeatmapGrid(layout, titles, columns, input, examples, scale, limit);
    }

    /** The grid with a row for each of these examples, in this order (default: every example of the batch). */
    public HeatmapGrid withExamples(int... examples) {
        if (examples == null || examples.length == 0) {
            throw new IllegalArgumentException("Choose at least one example");
        }
        for (INDArray c : columns) {
            checkExamples(c, examples);
        }
        return new HeatmapGrid(layout, titles, columns, input, examples.clone(), scale, limit);
    }

    /** The grid with every cell at this scale, as {@link Heatmap#withScale}. */
    public HeatmapGrid withScale(int scale) {
        return new HeatmapGrid(layout, titles, columns, input, examples, Checks.atLeastOne(scale, "scale"), limit);
    }

    /** The grid with one colour scale for every cell: full colour at |score| {@code limit}. */
    public HeatmapGrid withLimit(double limit) {
        return new HeatmapGrid(layout, titles, columns, input, examples, scale,
                Checks.positiveFinite(limit, "limit"));
    }

    /**
     * Draws the grid.
     *
     * @throws IllegalArgumentException if there is no column, or a drawn cell holds NaN or infinity
     */
    public Figure render() {
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("The grid has no column: add scores with withColumn(title, scores)");
        }
        int[] rows = examples != null ? examples : allExamples();
        checkSizeBeforeDrawing(rows.length);
        Grid grid = Grid.of(columns.size());
        for (int example : rows) {
            for (int c = 0; c < columns.size(); c++) {
                Heatmap cell = Heatmap.of(columns.get(c), layout).withExample(example);
                if (input != null) {
                    cell = cell.withOverlay(input);
                }
                if (scale > 0) {
                    cell = cell.withScale(scale);
                }
                if (limit > 0) {
                    cell = cell.withLimit(limit);
                }
                String title = layout.hasBatch() ? titles.get(c) + " #" + example : titles.get(c);
                grid = grid.with(title, cell.render());
            }
        }
        return grid.render();
    }

    /** Refuses a grid too large to draw before its cells are drawn (each cell is an image of its own). */
    private void checkSizeBeforeDrawing(int rows) {
        long[] shape = columns.get(0).shape();
        long h = shape[layout.heightAxis()];
        long w = shape[layout.widthAxis()];
        long k = scale > 0 ? scale : Heatmap.autoScale((int) Math.min(h, Integer.MAX_VALUE),
                (int) Math.min(w, Integer.MAX_VALUE));
        Canvas.checkSize(columns.size() * w * k, rows * h * k, "grid");
    }

    private int[] allExamples() {
        int n = layout.hasBatch() ? (int) columns.get(0).size(0) : 1;
        int[] all = new int[n];
        Arrays.setAll(all, i -> i);
        return all;
    }

    private void checkExamples(INDArray scores, int[] chosen) {
        for (int e : chosen) {
            Checks.example(scores, layout.hasBatch(), e, "scores");
        }
    }

    @Override
    public String toString() {
        return "HeatmapGrid[" + layout + ", columns " + titles
                + (examples == null ? "" : ", examples " + Arrays.toString(examples)) + "]";
    }
}
