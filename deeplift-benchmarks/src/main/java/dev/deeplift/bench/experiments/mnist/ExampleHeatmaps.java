package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.plot.Figure;
import dev.deeplift.core.Layout;
import dev.deeplift.plot.Plots;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One row of pictures for the drawn example of a {@link Figure4Result}: the original image (white on black, as
 * MNIST digits are), then each method's {@code S_orig − S_target} heatmap (red: for the original class, blue: for
 * the target) drawn over the faded image, each on its own colour scale.
 */
public final class ExampleHeatmaps {
    /** Pixels per image pixel: a 28 × 28 digit becomes 224 × 224, the size {@link Plots} picks for heatmaps. */
    static final int SCALE = 8;

    private ExampleHeatmaps() {
    }

    /** The row: "original", then one heatmap per method in the result's order. */
    public static Figure render(Figure4Result result) {
        INDArray image = result.exampleImage();
        List<String> titles = new ArrayList<>();
        List<Figure> figures = new ArrayList<>();
        titles.add("original (" + result.originalClass() + ")");
        figures.add(digit(image));
        int target = result.targets().get(0);
        for (String method : result.methods()) {
            titles.add(method + ": S" + result.originalClass() + " − S" + target);
            figures.add(Plots.heatmap(result.exampleDifferences().get(method), image, Layout.NCHW));
        }
        return Plots.grid(figures.size(), titles, figures);
    }

    /**
     * A {@code [1, 1, h, w]} image as grey levels, enlarged {@value #SCALE} times: values in [0, 1] as they are,
     * an image whose largest value is above 1 (raw 0–255 grey values) divided by that value.
     */
    static Figure digit(INDArray image) {
        int h = (int) image.size(2);
        int w = (int) image.size(3);
        double top = Math.max(1, image.maxNumber().doubleValue());
        BufferedImage out = new BufferedImage(w * SCALE, h * SCALE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h * SCALE; y++) {
            for (int x = 0; x < w * SCALE; x++) {
                double v = Math.max(0, Math.min(1, image.getDouble(0, 0, y / SCALE, x / SCALE) / top));
                int grey = (int) Math.round(255 * v);
                out.setRGB(x, y, grey << 16 | grey << 8 | grey);
            }
        }
        return Figure.of(out);
    }
}
