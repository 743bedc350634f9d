package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ConvolutionOp;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;

/** {@code DepthwiseConvolution2D}: libnd4j's {@code depthwise_conv2d}, weights {@code [kH, kW, iC, multiplier]}. */
final class DepthwiseConverter implements LayerConverter<DepthwiseConvolution2D> {

    @Override
    public void convert(Layer layer, DepthwiseConvolution2D conf, ConversionContext ctx) {
        var window = Windows.of(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                conf.getConvolutionMode(), conf.getCnn2dDataFormat() == CNN2DFormat.NHWC);
        ctx.add("depthwise", new LinearNode(LayerKind.CONVOLUTION, new ConvolutionOp(ConvolutionOp.Kind.DEPTHWISE,
                layer.getParam("W"), conf.hasBias() ? layer.getParam("b") : null, window, 0)));
        ctx.addActivation(conf.getActivationFn());
    }
}
