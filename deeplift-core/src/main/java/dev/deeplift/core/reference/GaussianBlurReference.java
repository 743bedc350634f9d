package dev.deeplift.core.reference;

import dev.deeplift.core.engine.Validator;
import dev.deeplift.core.Layout;
import dev.deeplift.core.engine.Batches;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A blurred copy of each image as its reference: {@link Reference#gaussianBlur}. Each image is blurred on its own
 * in double precision, in a fixed order, so a reference does not depend on which other images are blurred with it.
 */
final class GaussianBlurReference implements Reference {
    private final double sigma;
    private final Layout layout;

    GaussianBlurReference(double sigma, Layout layout) {
        if (!(sigma > 0) || !Double.isFinite(sigma)) {
            throw new IllegalArgumentException("Reference.gaussianBlur: sigma must be positive and finite, got "
                    + sigma);
        }
        this.sigma = sigma;
        this.layout = Objects.requireNonNull(layout, "layout");
        if (layout != Layout.NCHW && layout != Layout.NHWC) {
            throw new IllegalArgumentException("Reference.gaussianBlur: the layout must be an image batch, NCHW or "
                    + "NHWC; got " + layout + " " + layout.describe());
        }
    }

    @Override
    public ReferenceSet forInput(INDArray input) {
        Validator.shapeOfBatch(input, "The input");
        if (input.rank() != 4) {
            throw new IllegalArgumentException("Reference.gaussianBlur: the input has shape "
                    + Arrays.toString(input.shape()) + "; images "
                    + (layout == Layout.NCHW ? "[N, C, H, W]" : "[N, H, W, C]") + " are required");
        }
        long n = input.size(0);
        return new ReferenceSet() {
            @Override
            public long examples() {
                return n;
            }

            @Override
            public int perExample() {
                return 1;
            }

            @Override
            public boolean shared() {
                return false;
            }

            @Override
            public INDArray get(long example, int from, int to) {
                Validator.referenceRange(examples(), perExample(), example, from, to);
                return blur(Batches.rows(input, example, example + 1));
            }

            @Override
            public INDArray single() {
                return blur(input);
            }
        };
    }

    /** Blurs a batch of images, each on its own, returning a new array of the batch's shape and data type. */
    INDArray blur(INDArray images) {
        long[] shape = images.shape();
        int h = Math.toIntExact(shape[layout.heightAxis()]);
        int w = Math.toIntExact(shape[layout.widthAxis()]);
        int c = Math.toIntExact(shape[layout.channelAxis()]);
        double[] data = images.dup('c').data().asDouble();
        double[] tmp = new double[data.length];
        GaussianKernel alongH = new GaussianKernel(sigma, h);
        GaussianKernel alongW = new GaussianKernel(sigma, w);
        // Strides of a c-order image: NCHW has (H: w, W: 1) within a channel, NHWC has (H: w·c, W: c).
        int strideH = layout == Layout.NCHW ? w : w * c;
        int strideW = layout == Layout.NCHW ? 1 : c;
        int image = h * w * c;
        for (int base = 0; base < data.length; base += image) {
            for (int ch = 0; ch < c; ch++) {
                int origin = base + (layout == Layout.NCHW ? ch * h * w : ch);
                for (int y = 0; y < h; y++) {
                    alongW.blur(data, tmp, origin + y * strideH, strideW);
                }
                for (int x = 0; x < w; x++) {
                    alongH.blur(tmp, data, origin + x * strideW, strideH);
                }
            }
        }
        return Nd4j.create(data, shape, 'c').castTo(images.dataType());
    }

    @Override
    public String toString() {
        return "Reference.gaussianBlur(" + sigma + ", " + layout + ")";
    }
}
