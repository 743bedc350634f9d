package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ConvolutionOp;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;

/** {@code Deconvolution2D}: libnd4j's {@code deconv2d} with DL4J's weights {@code [iC, oC, kH, kW]} (format 1). */
final class DeconvolutionConverter implements LayerConverter<Deconvolution2D> {

    @Override
    public void convert(Layer layer, Deconvolution2D conf, ConversionContext ctx) {
        var window = Windows.of(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                conf.getConvolutionMode(), conf.getCnn2dDataFormat() == CNN2DFormat.NHWC);
        ctx.add("deconv", new LinearNode(LayerKind.CONVOLUTION, new ConvolutionOp(ConvolutionOp.Kind.DECONV2D,
                layer.getParam("W"), conf.hasBias() ? layer.getParam("b") : null, window, 1)));
        ctx.addActivation(conf.getActivationFn());
    }
}
