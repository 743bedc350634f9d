package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.DenseOp;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;

/**
 * {@code DenseLayer} and the affine part of {@code OutputLayer}-style layers: the Linear rule over
 * {@code x·W + b}, then the layer's activation; with {@code hasLayerNorm(true)}, {@code x·W} is layer-normalized
 * before the bias ({@link LayerNormNodes}).
 */
final class DenseConverter implements LayerConverter<FeedForwardLayer> {

    @Override
    public void convert(Layer layer, FeedForwardLayer conf, ConversionContext ctx) {
        var w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        var b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
        if (w == null) {
            throw ctx.unsupported("it has no weight parameter \"W\"");
        }
        if (conf instanceof DenseLayer d && d.hasLayerNorm()) {
            ctx.add("dense", new LinearNode(LayerKind.DENSE, new DenseOp(w, null)));
            LayerNormNodes.append(ctx, layer.getParam(DefaultParamInitializer.GAIN_KEY), b);
        } else {
            ctx.add("dense", new LinearNode(LayerKind.DENSE, new DenseOp(w, b)));
        }
        ctx.addActivation(conf.getActivationFn());
    }
}
