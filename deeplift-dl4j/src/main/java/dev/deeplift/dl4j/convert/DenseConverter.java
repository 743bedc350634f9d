package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.Layout;
import dev.deeplift.core.nodes.recurrent.SequenceMaskNode;
import dev.deeplift.core.ops.DenseOp;
import dev.deeplift.core.ops.SequenceDenseOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;

/**
 * {@code DenseLayer} and the affine part of {@code OutputLayer}-style layers: the Linear rule over
 * {@code x·W + b}, then the layer's activation; with {@code hasLayerNorm(true)}, {@code x·W} is layer-normalized
 * before the bias ({@link LayerNormNodes}). On sequences in per-step mode ({@link ConversionContext#perStep()}) the
 * same map at every step, masked as DL4J masks it.
 */
final class DenseConverter implements LayerConverter<FeedForwardLayer> {

    @Override
    public void convert(Layer layer, FeedForwardLayer conf, ConversionContext ctx) {
        var w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        var b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
        if (w == null) {
            throw ctx.unsupported("it has no weight parameter \"W\"");
        }
        INDArray gain = conf instanceof DenseLayer d && d.hasLayerNorm()
                ? layer.getParam(DefaultParamInitializer.GAIN_KEY) : null;
        if (ctx.perStep()) {
            perStep(w, b, gain, conf, ctx);
            return;
        }
        if (gain != null) {
            ctx.add("dense", new LinearNode(LayerKind.DENSE, new DenseOp(w, null)));
            LayerNormNodes.append(ctx, gain, b);
        } else {
            ctx.add("dense", new LinearNode(LayerKind.DENSE, new DenseOp(w, b)));
        }
        ctx.addActivation(conf.getActivationFn());
    }

    /**
     * Between RnnToFeedForward and FeedForwardToRnn preprocessors: the dense map at every step of the
     * {@code [N, C, T]} sequence. DL4J multiplies the pre-activations by the step's mask, and again the outputs (a
     * padded step's activation of 0 is not 0 for every activation). A layer norm ({@code gain} not null) normalizes
     * each step's features before the bias.
     */
    private static void perStep(INDArray w, INDArray b, INDArray gain, FeedForwardLayer conf,
                                ConversionContext ctx) {
        if (gain == null) {
            ctx.add("perStepDense", new LinearNode(LayerKind.DENSE, new SequenceDenseOp(w, b, Layout.NCW)));
        } else {
            ctx.add("perStepDense", new LinearNode(LayerKind.DENSE, new SequenceDenseOp(w, null, Layout.NCW)));
            LayerNormNodes.append(ctx, gain, b);
        }
        String mask = ctx.mask();
        if (mask != null) {
            ctx.add("maskSteps", new SequenceMaskNode(Layout.NCW), ctx.current(), mask);
        }
        String before = ctx.current();
        ctx.addActivation(conf.getActivationFn());
        if (mask != null && !ctx.current().equals(before)) {
            ctx.add("maskSteps", new SequenceMaskNode(Layout.NCW), ctx.current(), mask);
        }
    }
}
