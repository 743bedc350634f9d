package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.GlobalMaxPoolNode;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ShapeOps;
import dev.deeplift.core.ops.SpatialLayout;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;

/**
 * {@code GlobalPoolingLayer} over convolutional activations: AVG and SUM are linear, MAX follows the
 * {@link dev.deeplift.core.MaxPoolMode}; PNORM is refused. The layout is read from the activations' rank and the
 * layer's pooling dimensions ({@code [2, 3]} or {@code [2]}: channels first; {@code [1, 2]} or {@code [1]}:
 * channels last).
 */
final class GlobalPoolingConverter implements LayerConverter<GlobalPoolingLayer> {

    @Override
    public void convert(Layer layer, GlobalPoolingLayer conf, ConversionContext ctx) {
        int[] dims = conf.getPoolingDimensions();
        boolean channelsLast = dims != null && dims.length > 0 && dims[0] == 1;
        int rank = dims == null ? 4 : dims.length + 2;
        SpatialLayout layout = new SpatialLayout(rank, channelsLast);
        switch (conf.getPoolingType()) {
            case MAX -> ctx.add("globalMax", new GlobalMaxPoolNode(layout));
            case AVG -> ctx.add("globalAvg", new LinearNode(LayerKind.POOLING, layout.globalPool(true), true));
            case SUM -> ctx.add("globalSum", new LinearNode(LayerKind.POOLING, layout.globalPool(false), true));
            default -> throw ctx.unsupported(conf.getPoolingType() + " global pooling has no exact DeepLIFT rule "
                    + "(supported: MAX, AVG, SUM)");
        }
        if (!conf.isCollapseDimensions()) {
            long[] shape = new long[rank - 1];
            java.util.Arrays.fill(shape, 1);
            shape[channelsLast ? rank - 2 : 0] = -1;
            ctx.add("keepDims", new LinearNode(LayerKind.RESHAPE, ShapeOps.reshape(shape), true));
        }
    }
}
