package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import dev.deeplift.core.Attribution;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The scores of one image as colours: red positive, blue negative, white zero, on a symmetric scale whose ends
 * (full red, full blue) are ± the largest |score|. A pixel's channels are summed first, since its contribution is
 * that of all its channels. Optionally drawn over the input in grey; every score pixel becomes a square of
 * {@code scale × scale} screen pixels.
 *
 * <pre>{@code
 * Figure f = Heatmap.of(a.scores(), Layout.NCHW)
 *         .withExample(3).withOverlay(x).withScale(8).render();
 * }</pre>
 *
 * <p>Immutable: each {@code with} method returns a new heatmap. Shapes are checked when given; values (NaN,
 * infinity) when {@link #render() rendered}, and only those of the example drawn.
 */
public final class Heatmap {
    /** Without a chosen scale, images are enlarged until their longer side has at least this many pixels. */
    static final int AUTO_SIZE = 224;

    private final INDArray scores;
    private final Layout layout;
    private final int example;
    private final INDArray input;
    private final int scale;
    private final double limit;

    private Heatmap(INDArray scores, Layout layout, int example, INDArray input, int scale, double limit) {
        this.scores = scores;
        this.layout = layout;
        this.example = example;
        this.input = input;
        this.scale = scale;
        this.limit = limit;
    }

    /**
     * A heatmap of image-shaped scores. With a batch layout holding several examples, choose one with
     * {@link #withExample(int)}.
     *
     * @throws IllegalArgumentException if {@code scores} is null, empty, or not of the layout's rank
     */
    public static Heatmap of(INDArray scores, Layout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("layout is null");
        }
        Checks.array(scores, layout.rank(), layout.describe(), "scores");
        return new Heatmap(scores, layout, Checks.UNSET, null, 0, 0);
    }

    /** A heatmap of an attribution's {@link Attribution#scores() scores}. */
    public static Heatmap of(Attribution attribution, Layout layout) {
        if (attribution == null) {
            throw new IllegalArgumentException("attribution is null");
        }
        return of(attribution.scores(), layout);
    }

    /** The same heatmap of example {@code example} of a batch (default: the only one). */
    public Heatmap withExample(int example) {
        Checks.example(scores, layout.hasBatch(), example, "scores");
        return new Heatmap(scores, layout, example, input, scale, limit);
    }

    /**
     * The same heatmap drawn over {@code input} in grey (channels averaged, stretched from its darkest to its
     * brightest pixel, and faded so that colours stay readable): zero scores show the input, the largest show
     * pure colour.
     *
     * @param input the scores' shape and layout
     */
    public Heatmap withOverlay(INDArray input) {
        Checks.array(input, layout.rank(), layout.describe(), "input");
        if (!Arrays.equals(input.shape(), scores.shape())) {
            throw new IllegalArgumentException("input has shape " + Arrays.toString(input.shape())
                    + " but must have the scores' shape " + Arrays.toString(scores.shape()));
        }
        return new Heatmap(scores, layout, example, input, scale, limit);
    }

    /**
     * The same heatmap with each score pixel drawn as a {@code scale × scale} square (nearest neighbour). Default:
     * the smallest whole factor that gives the longer side at least 224 pixels, e.g. 8 for 28 × 28.
     */
    public Heatmap withScale(int scale) {
        return new Heatmap(scores, layout, example, input, Checks.atLeastOne(scale, "scale"), limit);
    }

    /**
     * The same heatmap with full colour at |score| {@code limit} rather than at the largest |score|, so that
     * several heatmaps share one scale; larger scores are drawn in full colour.
     */
    public Heatmap withLimit(double limit) {
        return new Heatmap(scores, layout, example, input, scale, Checks.positiveFinite(limit, "limit"));
    }

    /**
     * Draws the heatmap.
     *
     * @throws IllegalArgumentException if no example was chosen among several, or the example's scores or input
     *                                  hold NaN or infinity
     */
    public Figure render() {
        int ex = Checks.resolveExample(scores, layout.hasBatch(), example, "scores",
                "choose one with withExample(i), or Plots.heatmap(scores, layout, i), or draw them all with "
                        + "Plots.grid");
        ImagePlane values = ImagePlane.channelSum(scores, layout, ex, "scores");
        ImagePlane grey = input == null ? null : ImagePlane.channelMean(input, layout, ex, "input").normalised();
        int h = values.height();
        int w = values.width();
        int k = scale > 0 ? scale : autoScale(h, w);
        double end = limit > 0 ? limit : values.maxAbs();
        BufferedImage image = Canvas.blank((long) w * k, (long) h * k, "heatmap");
        int[] block = new int[k * k];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double background = grey == null ? 1.0 : DivergingColors.inputGrey(grey.at(y, x));
                Arrays.fill(block, DivergingColors.rgb(values.at(y, x), end, background));
                image.setRGB(x * k, y * k, k, k, block, 0, k);
            }
        }
        return new Figure(image);
    }

    /** The scores drawn. */
    public INDArray scores() {
        return scores;
    }

    /** The layout of the scores. */
    public Layout layout() {
        return layout;
    }

    static int autoScale(int height, int width) {
        int longer = Math.max(height, width);
        return Math.max(1, (AUTO_SIZE + longer - 1) / longer);
    }

    @Override
    public String toString() {
        return "Heatmap[" + Arrays.toString(scores.shape()) + " " + layout
                + (example == Checks.UNSET ? "" : ", example " + example)
                + (input == null ? "" : ", over input") + (scale == 0 ? "" : ", scale " + scale)
                + (limit == 0 ? "" : ", limit " + limit) + "]";
    }
}
