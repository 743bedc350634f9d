package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Layout;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.nodes.ElementwiseNode;
import dev.deeplift.core.nodes.recurrent.MaskGuardNode;
import dev.deeplift.core.nodes.recurrent.SequenceMaskNode;
import dev.deeplift.core.nodes.recurrent.TimeMaxPoolNode;
import dev.deeplift.core.nodes.recurrent.TimePoolNode;
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

    /**
     * Pooling of sequences, as DL4J does it: over axis 2 (the pooling dimensions if set), and with a feature mask
     * over the unmasked steps of axis 2 whatever the pooling dimensions. MAX is a max over steps (the max-pooling
     * rule), AVG and SUM are linear, PNORM {@code (Σ_t |m·x|^p)^(1/p)} is the composition of the elementwise
     * {@code |·|^p} (nonlinear rule), a sum (linear) and the elementwise {@code p}-th root (nonlinear rule), each
     * exact. On NWC data DL4J pools the feature axis without a mask (that is explained as computed) and fails with
     * one: padding is refused there.
     */
    private static void sequence(GlobalPoolingLayer conf, ConversionContext ctx) {
        int[] dims = conf.getPoolingDimensions();
        if (dims != null && dims.length != 1) {
            throw ctx.unsupported("global pooling of sequences over dimensions " + java.util.Arrays.toString(dims)
                    + " is not supported (one of 1, 2)");
        }
        int axis = dims == null ? 2 : dims[0];
        String mask = ctx.mask();
        boolean masked = mask != null && axis == 2 && ctx.sequence() == Layout.NCW;
        if (mask != null && !masked) {
            ctx.add("noPadding", new MaskGuardNode("Cannot explain " + ctx.where() + " with a feature mask that has "
                    + "padding: DL4J 1.0.0-M2.1 pools masked sequences over axis 2 whatever the layout and pooling "
                    + "dimensions, which fails (or pools features) for " + ctx.sequence() + " data"),
                    ctx.current(), mask);
        }
        String[] in = masked ? new String[] {ctx.current(), mask} : new String[] {ctx.current()};
        switch (conf.getPoolingType()) {
            case MAX -> ctx.add("globalMax", new TimeMaxPoolNode(axis), in);
            case AVG -> ctx.add("globalAvg", new TimePoolNode(axis, true), in);
            case SUM -> ctx.add("globalSum", new TimePoolNode(axis, false), in);
            case PNORM -> {
                int p = conf.getPnorm();
                if (masked) {
                    ctx.add("maskSteps", new SequenceMaskNode(Layout.NCW), in);
                }
                ctx.add("absPower", new ElementwiseNode(ElementwiseFunctions.absPower(p)));
                ctx.add("globalSum", new TimePoolNode(axis, false));
                ctx.add("root", new ElementwiseNode(ElementwiseFunctions.root(p)));
            }
            default -> throw ctx.unsupported(conf.getPoolingType() + " global pooling is not supported");
        }
        if (!conf.isCollapseDimensions()) {
            ctx.add("keepDims", new LinearNode(LayerKind.RESHAPE, ShapeOps.reshape(-1, 1), true));
        }
        ctx.setSequence(null);
        ctx.setMask(null);
    }

    @Override
    public void convert(Layer layer, GlobalPoolingLayer conf, ConversionContext ctx) {
        if (ctx.sequence() != null) {
            sequence(conf, ctx);
            return;
        }
        int[] dims = conf.getPoolingDimensions();
        boolean channelsLast = dims != null && dims.length > 0 && dims[0] == 1;
        int rank = dims == null ? 4 : dims.length + 2;
        SpatialLayout layout = new SpatialLayout(rank, channelsLast);
        switch (conf.getPoolingType()) {
            case MAX -> ctx.add("globalMax", new GlobalMaxPoolNode(layout));
            case AVG -> ctx.add("globalAvg", new LinearNode(LayerKind.POOLING, layout.globalPool(true), true));
            case SUM -> ctx.add("globalSum", new LinearNode(LayerKind.POOLING, layout.globalPool(false), true));
            default -> throw ctx.unsupported(conf.getPoolingType() + " global pooling of images has no exact "
                    + "DeepLIFT rule here (supported: MAX, AVG, SUM; PNORM on sequences)");
        }
        if (!conf.isCollapseDimensions()) {
            long[] shape = new long[rank - 1];
            java.util.Arrays.fill(shape, 1);
            shape[channelsLast ? rank - 2 : 0] = -1;
            ctx.add("keepDims", new LinearNode(LayerKind.RESHAPE, ShapeOps.reshape(shape), true));
        }
    }
}
