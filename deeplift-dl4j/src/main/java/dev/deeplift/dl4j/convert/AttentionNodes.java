package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.nodes.AttentionScoreNode;
import dev.deeplift.core.nodes.BilinearNode;
import dev.deeplift.core.nodes.ElementwiseNode;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.nodes.SoftmaxExpNode;
import dev.deeplift.core.ops.BatchedMatmulOp;
import dev.deeplift.core.ops.ElementwiseProductOp;
import dev.deeplift.core.ops.FeatureMapOp;
import dev.deeplift.core.ops.ShapeOps;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The nodes of libnd4j's {@code dot_product_attention} and {@code multi_head_dot_product_attention} as DL4J's
 * attention layers and vertex call them (NCW, scaled), decomposed so that every step has an exact rule:
 * <pre>
 * Q_h = Wq[h]·q, K_h = Wk[h]·k, V_h = Wv[h]·v          Linear (no bias)           [N, H, P, T]
 * s   = K_hᵀQ_h / √P + (mask − 1)·1e9                    product rule over p         [N, H, Tk, Tq]
 * e   = exp(s − c), c = max over keys of both sides       the policy's rule (ATTENTION)
 * S   = Σ_keys e;  r = 1/S                                Linear; the policy's rule
 * a   = e ⊙ r                                             product rule (softmax over the keys)
 * o_h = V_h·a                                             product rule over the keys   [N, H, P, Tq]
 * out = Woᵀ·concat_h(o_h)                                 Linear (no bias)             [N, nOut, Tq]
 * </pre>
 * Without projections ({@code projectInput(false)}) there is one head, {@code P} is the keys' feature size, and the
 * output is {@code o} itself.
 */
final class AttentionNodes {
    private AttentionNodes() {
    }

    /**
     * The heads of an input: {@code W·x} as {@code [N, H, P, T]} for {@code W: [H, P, F]}, or {@code x} as one head
     * {@code [N, 1, F, T]} if {@code w} is null.
     */
    static String heads(ConversionContext ctx, String what, String x, INDArray w) {
        if (w == null) {
            return ctx.add(what + "(1 head)", new LinearNode(LayerKind.RESHAPE, ShapeOps.unsqueeze(1), true), x);
        }
        long h = w.size(0);
        long p = w.size(1);
        INDArray matrix = w.reshape('c', h * p, w.size(2));
        return ctx.add(what, new LinearNode(LayerKind.ATTENTION, new FeatureMapOp(matrix, false, null, h, p)), x);
    }

    /**
     * Scaled dot-product attention of head activations: {@code [N, H, P, Tq]} per head, the weighted sums of the
     * values.
     *
     * @param mask the node of the {@code [N, Tk]} key mask, or null
     */
    static String attend(ConversionContext ctx, String queries, String keys, String values, String mask) {
        String scores = mask == null ? ctx.add("scores", new AttentionScoreNode(), keys, queries)
                : ctx.add("scores", new AttentionScoreNode(), keys, queries, mask);
        String e = ctx.add("exp", new SoftmaxExpNode(2), scores);
        String sum = ctx.add("sum", new LinearNode(LayerKind.ATTENTION, ShapeOps.sum(2), false), e);
        String r = ctx.add("reciprocal", new ElementwiseNode(ElementwiseFunctions.reciprocal()), sum);
        String weights = ctx.add("weights", new BilinearNode(LayerKind.ATTENTION, ElementwiseProductOp.INSTANCE), e, r);
        return ctx.add("weightedSum", new BilinearNode(LayerKind.ATTENTION, new BatchedMatmulOp(false, false, 1.0)),
                values, weights);
    }

    /**
     * The output of the heads {@code [N, H, P, T]}: {@code Woᵀ·concat} as {@code [N, nOut, T]} for
     * {@code Wo: [H·P, nOut]}, or the single head's values {@code [N, P, T]} if {@code wo} is null.
     */
    static String merge(ConversionContext ctx, String heads, INDArray wo) {
        if (wo == null) {
            return ctx.add("squeeze", new LinearNode(LayerKind.RESHAPE, ShapeOps.squeeze(1), true), heads);
        }
        return ctx.add("Wo", new LinearNode(LayerKind.ATTENTION, new FeatureMapOp(wo, true, null, wo.size(1))), heads);
    }

    /** Attention of queries over keys and values, each projected when {@code p} is given; the output node. */
    static String attention(ConversionContext ctx, String q, String k, String v, String mask, Projections p) {
        String qh = heads(ctx, "Wq", q, p == null ? null : p.wq());
        String kh = p == null && k.equals(q) ? qh : heads(ctx, "Wk", k, p == null ? null : p.wk());
        String vh = p == null && v.equals(k) ? kh : heads(ctx, "Wv", v, p == null ? null : p.wv());
        return merge(ctx, attend(ctx, qh, kh, vh, mask), p == null ? null : p.wo());
    }

    /**
     * The projections of multi-head attention, as DL4J keeps them.
     *
     * @param wq {@code [H, P, Fq]}
     * @param wk {@code [H, P, Fk]}
     * @param wv {@code [H, P, Fv]}
     * @param wo {@code [H·P, nOut]}
     */
    record Projections(INDArray wq, INDArray wk, INDArray wv, INDArray wo) {
        /** The projections in a SameDiff layer's or vertex's parameter table. */
        static Projections of(java.util.Map<String, INDArray> params) {
            return new Projections(params.get("Wq"), params.get("Wk"), params.get("Wv"), params.get("Wo"));
        }
    }
}
