package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.BilinearNode;
import dev.deeplift.core.nodes.InverseSqrtNode;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.CenteringOp;
import dev.deeplift.core.ops.ChannelAffineOp;
import dev.deeplift.core.ops.ElementwiseProductOp;
import dev.deeplift.core.ops.ShapeOps;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's layer normalization of a dense layer ({@code hasLayerNorm(true)}), on {@code u = x·W} before the bias:
 * {@code z = g ⊙ (u − mean u)/std(u) + b}, with the population std over the features and no epsilon. Not
 * elementwise (the mean and std are shared by the row, or by the features of one step of a per-step dense layer's
 * {@code [N, F, T]}), so decomposed into steps with exact rules:
 * <pre>
 * c = u − mean(u)          Linear
 * v = mean(c ⊙ c)          product rule, then Linear
 * r = 1/√v                 the policy's rule (kind NORMALIZATION), on its input's own-sign split
 * n = c ⊙ r                product rule
 * z = g ⊙ n + b            Linear (the bias carries nothing)
 * </pre>
 * A row of zero variance at the input or the reference is refused when explaining ({@link InverseSqrtNode}).
 */
final class LayerNormNodes {
    private LayerNormNodes() {
    }

    /** Appends the normalization of the current {@code [N, F]} or {@code [N, F, T]} node, then the gain and bias. */
    static void append(ConversionContext ctx, INDArray gain, INDArray bias) {
        String u = ctx.current();
        String c = ctx.add("centre", new LinearNode(LayerKind.NORMALIZATION, new CenteringOp()), u);
        String square = ctx.add("square", new BilinearNode(LayerKind.NORMALIZATION, ElementwiseProductOp.INSTANCE),
                c, c);
        String variance = ctx.add("variance", new LinearNode(LayerKind.NORMALIZATION, ShapeOps.mean(1), false),
                square);
        String scale = ctx.add("inverseStd", new InverseSqrtNode(ctx.where()), variance);
        ctx.add("standardize", new BilinearNode(LayerKind.NORMALIZATION, ElementwiseProductOp.INSTANCE), c, scale);
        ctx.add("gain", new LinearNode(LayerKind.NORMALIZATION, new ChannelAffineOp(gain, bias, false), true));
    }
}
