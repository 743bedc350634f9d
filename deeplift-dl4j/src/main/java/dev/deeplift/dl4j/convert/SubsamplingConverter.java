package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.nodes.MaxPoolNode;
import dev.deeplift.core.ops.AvgPoolOp;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;

/**
 * {@code SubsamplingLayer} and {@code Subsampling1DLayer}: AVG pooling is linear; MAX pooling follows the
 * explainer's {@link dev.deeplift.core.MaxPoolMode}. PNORM pooling has no exact rule and is refused.
 */
final class SubsamplingConverter implements LayerConverter<SubsamplingLayer> {

    @Override
    public void convert(Layer layer, SubsamplingLayer conf, ConversionContext ctx) {
        boolean oneD = conf instanceof Subsampling1DLayer;
        boolean channelsLast = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        if (oneD) {
            Windows.to2d(ctx, channelsLast);
        }
        var window = oneD
                ? Windows.of1d(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                        conf.getConvolutionMode(), channelsLast)
                : Windows.of(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                        conf.getConvolutionMode(), channelsLast);
        switch (conf.getPoolingType()) {
            case MAX -> ctx.add("maxpool", new MaxPoolNode(window));
            // The divisor mode is mapped from the flag exactly as DL4J's own SubsamplingLayer maps it.
            case AVG -> ctx.add("avgpool", new LinearNode(LayerKind.POOLING,
                    new AvgPoolOp(window, conf.isAvgPoolIncludePadInDivisor() ? 1 : 0), true));
            default -> throw ctx.unsupported(conf.getPoolingType() + " pooling has no exact DeepLIFT rule "
                    + "(supported: MAX, AVG)");
        }
        if (oneD) {
            Windows.to1d(ctx, channelsLast);
        }
    }
}
