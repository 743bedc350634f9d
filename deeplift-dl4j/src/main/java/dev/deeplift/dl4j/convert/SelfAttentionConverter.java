package dev.deeplift.dl4j.convert;

import dev.deeplift.core.Layout;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;

/**
 * DL4J's {@code SelfAttentionLayer}: attention of the input over itself, {@code MHA(x, x, x, mask)} with projections
 * or {@code DPA(x, x, x, mask)} without (see {@link AttentionNodes}). The input is read as {@code [N, nIn, T]}
 * (NCW), as DL4J reads it whatever its layout; the feature mask removes keys only (masked query steps are computed)
 * and passes on unchanged.
 */
final class SelfAttentionConverter implements LayerConverter<SelfAttentionLayer> {

    @Override
    public void convert(Layer layer, SelfAttentionLayer conf, ConversionContext ctx) {
        String x = ctx.current();
        AttentionNodes.Projections p = conf.isProjectInput()
                ? AttentionNodes.Projections.of(layer.paramTable()) : null;
        AttentionNodes.attention(ctx, x, x, x, ctx.mask(), p);
        ctx.setSequence(Layout.NCW);
    }
}
