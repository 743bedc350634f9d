package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ConvolutionOp;
import dev.deeplift.core.ops.Window2D;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;

/**
 * {@code ConvolutionLayer}, {@code Convolution1DLayer} and {@code Convolution1D}: the Linear rule through
 * libnd4j's {@code conv2d} (1D layers run as {@code [1, k]} kernels over {@code [N, C, 1, W]}), then the activation.
 */
final class ConvolutionConverter implements LayerConverter<ConvolutionLayer> {

    @Override
    public void convert(Layer layer, ConvolutionLayer conf, ConversionContext ctx) {
        var w = layer.getParam("W");
        var b = conf.hasBias() ? layer.getParam("b") : null;
        if (conf instanceof Convolution1DLayer c1) {
            boolean nwc = c1.getRnnDataFormat() == RNNFormat.NWC;
            if (conf.getConvolutionMode() == ConvolutionMode.Causal) {
                Windows.causalPad(ctx, conf.getKernelSize()[0], conf.getDilation()[0], nwc);
            }
            Windows.to2d(ctx, nwc);
            // DL4J 1.0.0-M2.1 reports the 1D weights as [oC, iC, k, 1] but runs them as a 'c'-order [k, iC, oC]
            // buffer: read them the way they are run, as libnd4j's [kH = 1, kW = k, iC, oC] (weights format 0).
            INDArray runAs = w.reshape('c', 1, conf.getKernelSize()[0], conf.getNIn(), conf.getNOut());
            ctx.add("conv", new LinearNode(LayerKind.CONVOLUTION, new ConvolutionOp(ConvolutionOp.Kind.CONV2D, runAs, b,
                    Windows.of1d(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                            conf.getConvolutionMode(), nwc), 0)));
            Windows.to1d(ctx, nwc);
        } else {
            if (conf.getConvolutionMode() == ConvolutionMode.Causal) {
                throw ctx.unsupported("causal mode is only defined for 1D convolutions");
            }
            addConv(ctx, Windows.of(conf.getKernelSize(), conf.getStride(), conf.getPadding(), conf.getDilation(),
                    conf.getConvolutionMode(), conf.getCnn2dDataFormat() == CNN2DFormat.NHWC), w, b);
        }
        ctx.addActivation(conf.getActivationFn());
    }

    private static void addConv(ConversionContext ctx, Window2D window, INDArray w, INDArray b) {
        // DL4J stores convolution weights as [oC, iC, kH, kW]: libnd4j's weights format 1.
        ctx.add("conv", new LinearNode(LayerKind.CONVOLUTION,
                new ConvolutionOp(ConvolutionOp.Kind.CONV2D, w, b, window, 1)));
    }
}
