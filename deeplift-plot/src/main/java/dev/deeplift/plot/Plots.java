package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import dev.deeplift.core.Attribution;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One-line pictures of attributions, e.g. from jshell; each returns a {@link Figure} to {@link Figure#save save}.
 * For more control (scale, colour limit, window, sizes) use {@link Heatmap}, {@link HeatmapGrid},
 * {@link SequenceLogo} and {@link Grid}, which these delegate to.
 *
 * <pre>{@code
 * Plots.heatmap(a.scores(), Layout.NCHW).save(Path.of("h.png"));        // a batch of one image
 * Plots.heatmap(a.scores(), x, Layout.NCHW, 3).save(Path.of("h3.png")); // example 3, over the input
 * Plots.grid(Layout.NCHW, List.of("Rescale", "Gradient"), List.of(s1, s2)).save(Path.of("g.png"));
 * Plots.sequenceLogo(dna.scores(), 0, 100, 140).save(Path.of("logo.png"));  // example 0, positions 100..139
 * }</pre>
 *
 * <p>Nothing here needs a display: it runs with {@code java.awt.headless=true}. Letters and titles need a font,
 * which any JDK with fontconfig and one installed font (e.g. DejaVu) has.
 */
public final class Plots {
    private Plots() {
    }

    /** A heatmap of image scores holding one image (a batch of one, or a single-image layout). */
    public static Figure heatmap(INDArray scores, Layout layout) {
        return Heatmap.of(scores, layout).render();
    }

    /** A heatmap of example {@code example} of a batch of image scores. */
    public static Figure heatmap(INDArray scores, Layout layout, int example) {
        return Heatmap.of(scores, layout).withExample(example).render();
    }

    /** A heatmap drawn over the input image in grey; {@code input} has the scores' shape. */
    public static Figure heatmap(INDArray scores, INDArray input, Layout layout) {
        return Heatmap.of(scores, layout).withOverlay(input).render();
    }

    /** A heatmap of example {@code example}, drawn over that example of the input in grey. */
    public static Figure heatmap(INDArray scores, INDArray input, Layout layout, int example) {
        return Heatmap.of(scores, layout).withExample(example).withOverlay(input).render();
    }

    /** A heatmap of an attribution's scores, holding one image. */
    public static Figure heatmap(Attribution attribution, Layout layout) {
        return Heatmap.of(attribution, layout).render();
    }

    /** A heatmap of an attribution's scores, drawn over the input image in grey. */
    public static Figure heatmap(Attribution attribution, INDArray input, Layout layout) {
        return Heatmap.of(attribution, layout).withOverlay(input).render();
    }

    /**
     * Heatmaps of every example (rows) for every method (columns), titled with the method's name.
     *
     * @param titles one per method
     * @param scores one per method, all of one shape
     */
    public static Figure grid(Layout layout, List<String> titles, List<INDArray> scores) {
        return heatmapGrid(layout, titles, scores).render();
    }

    /** As {@link #grid(Layout, List, List)}, every heatmap drawn over the input (the scores' shape). */
    public static Figure grid(Layout layout, List<String> titles, List<INDArray> scores, INDArray input) {
        return heatmapGrid(layout, titles, scores).withOverlay(input).render();
    }

    /** Any figures in a grid of {@code columns} columns, row by row, each under its title. */
    public static Figure grid(int columns, List<String> titles, List<Figure> figures) {
        if (titles == null || figures == null || titles.size() != figures.size()) {
            throw new IllegalArgumentException("Give one title per figure; got "
                    + (titles == null ? "null" : titles.size()) + " titles and "
                    + (figures == null ? "null" : figures.size()) + " figures");
        }
        Grid grid = Grid.of(columns);
        for (int i = 0; i < figures.size(); i++) {
            grid = grid.with(titles.get(i), figures.get(i));
        }
        return grid.render();
    }

    /**
     * A sequence logo of positions {@code [start, end)} of one-hot scores {@code [L, 4]} or {@code [4, L]} (or a
     * batch of one), the layout told by the axis of size 4.
     */
    public static Figure sequenceLogo(INDArray scores, int start, int end) {
        return SequenceLogo.of(scores).withWindow(start, end).render();
    }

    /**
     * A sequence logo of positions {@code [start, end)} of example {@code example} of {@code [N, L, 4]} or
     * {@code [N, 4, L]} scores.
     */
    public static Figure sequenceLogo(INDArray scores, int example, int start, int end) {
        return SequenceLogo.of(scores).withExample(example).withWindow(start, end).render();
    }

    /** A sequence logo of positions {@code [start, end)} of example {@code example} of an attribution's scores. */
    public static Figure sequenceLogo(Attribution attribution, int example, int start, int end) {
        return SequenceLogo.of(attribution).withExample(example).withWindow(start, end).render();
    }

    private static HeatmapGrid heatmapGrid(Layout layout, List<String> titles, List<INDArray> scores) {
        if (titles == null || scores == null || titles.size() != scores.size()) {
            throw new IllegalArgumentException("Give one title per array of scores; got "
                    + (titles == null ? "null" : titles.size()) + " titles and "
                    + (scores == null ? "null" : scores.size()) + " arrays");
        }
        HeatmapGrid grid = HeatmapGrid.of(layout);
        for (int i = 0; i < scores.size(); i++) {
            grid = grid.withColumn(titles.get(i), scores.get(i));
        }
        return grid;
    }
}
