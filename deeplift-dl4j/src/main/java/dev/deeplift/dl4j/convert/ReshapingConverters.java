package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ShapeOp;
import dev.deeplift.core.ops.ShapeOps;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;

/**
 * Converters for the layers that move values without mixing them (padding, cropping, upsampling,
 * space-to-depth): linear with unit weights, so multipliers and RevealCancel splits pass straight through.
 */
final class ReshapingConverters {
    private ReshapingConverters() {
    }

    static final LayerConverter<ZeroPaddingLayer> ZERO_PADDING_2D = (layer, conf, ctx) -> {
        int[] p = conf.getPadding(); // top, bottom, left, right
        boolean nhwc = conf.getDataFormat() == CNN2DFormat.NHWC;
        add(ctx, "zeroPad", ShapeOps.pad(axes2d(p[0], p[2], nhwc), axes2d(p[1], p[3], nhwc)));
    };

    static final LayerConverter<ZeroPadding1DLayer> ZERO_PADDING_1D = (layer, conf, ctx) -> {
        int[] p = conf.getPadding(); // left, right
        add(ctx, "zeroPad", ShapeOps.pad(new int[] {0, 0, p[0]}, new int[] {0, 0, p[1]}));
    };

    static final LayerConverter<Cropping2D> CROPPING_2D = (layer, conf, ctx) -> {
        int[] c = conf.getCropping(); // top, bottom, left, right
        boolean nhwc = conf.getDataFormat() == CNN2DFormat.NHWC;
        add(ctx, "crop", ShapeOps.crop(axes2d(c[0], c[2], nhwc), axes2d(c[1], c[3], nhwc)));
    };

    static final LayerConverter<Cropping1D> CROPPING_1D = (layer, conf, ctx) -> {
        int[] c = conf.getCropping(); // left, right
        add(ctx, "crop", ShapeOps.crop(new int[] {0, 0, c[0]}, new int[] {0, 0, c[1]}));
    };

    static final LayerConverter<Upsampling2D> UPSAMPLING_2D = (layer, conf, ctx) -> {
        int[] s = conf.getSize();
        boolean nhwc = conf.getFormat() == CNN2DFormat.NHWC;
        add(ctx, "upsample", ShapeOps.upsample(axes2d(s[0], s[1], nhwc, 1)));
    };

    static final LayerConverter<Upsampling1D> UPSAMPLING_1D = (layer, conf, ctx) -> {
        int[] s = conf.getSize();
        add(ctx, "upsample", ShapeOps.upsample(new int[] {1, 1, s[0]}));
    };

    static final LayerConverter<SpaceToDepthLayer> SPACE_TO_DEPTH = (layer, conf, ctx) ->
            add(ctx, "spaceToDepth", ShapeOps.spaceToDepth(conf.getBlockSize(),
                    conf.getDataFormat() == CNN2DFormat.NHWC));

    private static void add(ConversionContext ctx, String what, ShapeOp op) {
        ctx.add(what, new LinearNode(LayerKind.RESHAPE, op, true));
    }

    private static int[] axes2d(int h, int w, boolean nhwc) {
        return axes2d(h, w, nhwc, 0);
    }

    /** Per-axis values of a 4D activation with {@code h} and {@code w} on the spatial axes, {@code rest} elsewhere. */
    private static int[] axes2d(int h, int w, boolean nhwc, int rest) {
        return nhwc ? new int[] {rest, h, w, rest} : new int[] {rest, rest, h, w};
    }
}
