package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ConvolutionOp;
import dev.deeplift.core.ops.Window2D;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;

/**
 * {@code SeparableConvolution2D} as two linear nodes: the depthwise convolution (DL4J weights
 * {@code [multiplier, iC, kH, kW]}), then the 1x1 pointwise convolution with the bias. For RevealCancel the
 * pointwise node's terms are built from the depthwise output's signs.
 */
final class SeparableConverter implements LayerConverter<SeparableConvolution2D> {

    @Override
    public void convert(Layer layer, SeparableConvolution2D conf, ConversionContext ctx) {
        boolean channelsLast = conf.getCnn2dDataFormat() == CNN2DFormat.NHWC;
        var window = Windows.of(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                conf.getConvolutionMode(), channelsLast);
        var depthwise = layer.getParam("W").permute(2, 3, 1, 0);
        ctx.add("depthwise", new LinearNode(LayerKind.CONVOLUTION,
                new ConvolutionOp(ConvolutionOp.Kind.DEPTHWISE, depthwise, null, window, 0)));
        var pointwise = new Window2D(1, 1, 1, 1, 0, 0, 1, 1, false, channelsLast);
        ctx.add("pointwise", new LinearNode(LayerKind.CONVOLUTION, new ConvolutionOp(ConvolutionOp.Kind.CONV2D,
                layer.getParam("pW"), conf.hasBias() ? layer.getParam("b") : null, pointwise, 1)));
        ctx.addActivation(conf.getActivationFn());
    }
}
