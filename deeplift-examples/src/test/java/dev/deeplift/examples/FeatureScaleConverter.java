package dev.deeplift.examples;

import dev.deeplift.dl4j.convert.LayerConverter;
import dev.deeplift.dl4j.convert.ConversionContext;
import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ChannelAffineOp;
import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Makes the user's {@link FeatureScale} layer explainable: {@code y = x ⊙ w} is linear, so the Linear rule applies
 * (multipliers go back times {@code w}); a scale per feature keeps the sign of each feature or flips it, so a
 * RevealCancel split passes through ({@code carriesSplit = true}).
 */
public final class FeatureScaleConverter implements LayerConverter<FeatureScale> {
    @Override
    public void convert(Layer layer, FeatureScale conf, ConversionContext ctx) {
        INDArray w = layer.getParam("w"); // a view of the live parameters: read at every call, never written
        ctx.add("featureScale", new LinearNode(LayerKind.NORMALIZATION,
                new ChannelAffineOp(() -> new ChannelAffineOp.Coefficients(w.reshape(w.length()), null), false),
                true));
    }
}
