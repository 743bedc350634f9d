package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One example of an image-shaped array reduced to one value per pixel, {@code height × width}, row-major. */
final class ImagePlane {
    private final int height;
    private final int width;
    private final double[] values;

    private ImagePlane(int height, int width, double[] values) {
        this.height = height;
        this.width = width;
        this.values = values;
    }

    /** Scores: the channels of each pixel summed, since a pixel's contribution is that of all its channels. */
    static ImagePlane channelSum(INDArray a, Layout layout, int example, String what) {
        return reduce(a, layout, example, what, false);
    }

    /** An input image in grey: the mean of each pixel's channels. */
    static ImagePlane channelMean(INDArray a, Layout layout, int example, String what) {
        return reduce(a, layout, example, what, true);
    }

    private static ImagePlane reduce(INDArray a, Layout layout, int example, String what, boolean mean) {
        ExampleValues v = ExampleValues.of(a, layout.hasBatch(), example)
                .requireFinite(what, ExampleValues.where(layout.hasBatch(), example));
        int ca = layout.perExample().channelAxis();
        int h = v.size(layout.perExample().heightAxis());
        int w = v.size(layout.perExample().widthAxis());
        int channels = ca < 0 ? 1 : v.size(ca);
        int[] position = new int[v.shape().length];
        double[] out = new double[h * w];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                position[layout.perExample().heightAxis()] = y;
                position[layout.perExample().widthAxis()] = x;
                double sum = 0;
                for (int c = 0; c < channels; c++) {
                    if (ca >= 0) {
                        position[ca] = c;
                    }
                    sum += v.at(position);
                }
                out[y * w + x] = mean ? sum / channels : sum;
            }
        }
        return new ImagePlane(h, w, out);
    }

    int height() {
        return height;
    }

    int width() {
        return width;
    }

    double at(int y, int x) {
        return values[y * width + x];
    }

    /** The largest absolute value: the symmetric colour scale's end. */
    double maxAbs() {
        double m = 0;
        for (double v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Values stretched to [0, 1] (min to 0, max to 1); a constant plane becomes 0.5. */
    ImagePlane normalised() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = hi > lo ? (values[i] - lo) / (hi - lo) : 0.5;
        }
        return new ImagePlane(height, width, out);
    }
}
