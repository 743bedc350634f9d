package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.ops.BatchedMatmulOp;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Scaled dot-product attention scores with an additive key mask, as libnd4j's {@code dot_product_attention} computes
 * them: {@code s[j, i] = Σ_p K[p, j]·Q[p, i] / √P + (m[j] − 1)·1e9} for key {@code j}, query {@code i} and
 * {@code P} features per head (the keys' size; the projected head size of multi-head attention).
 * Inputs: keys {@code [N, H, P, Tk]}, queries {@code [N, H, P, Tq]} and optionally the key mask {@code [N, Tk]}
 * (the same array at the input and the reference, so the penalty is a constant); output {@code [N, H, Tk, Tq]}.
 *
 * <p>The product {@code KᵀQ} takes the product rule ({@link ShapleyProduct}). The penalty carries nothing, but
 * adding {@code −1e9} rounds a difference of scores to a multiple of {@code ulp(1e9)} (1.2e−7 in double, 64 in
 * float): where a key is masked, multipliers are scaled by {@code Δs/Δ(KᵀQ/√P)}, so that contributions sum to
 * the rounded difference the network computes. Masked keys of a row with any unmasked key get exactly zero weight
 * after the softmax (their multipliers arrive as zero); the scaling matters only in a row whose every key is masked,
 * where DL4J's weights are the unmasked softmax perturbed by that rounding.
 */
public final class AttentionScoreNode implements RuleNode {
    /** The size of DL4J's additive mask penalty: a masked key's score is lowered by it. */
    public static final double MASK_PENALTY = 1e9;

    /** The product {@code KᵀQ/√P} for keys {@code [N, H, P, Tk]}. */
    private static BatchedMatmulOp product(List<PairActivations> inputs) {
        return new BatchedMatmulOp(true, false, Math.sqrt(inputs.get(0).input().size(2)));
    }

    @Override
    public LayerKind kind() {
        return LayerKind.ATTENTION;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        check(inputs);
        BatchedMatmulOp op = product(inputs);
        PairActivations raw = ShapleyProduct.forward(op, inputs.get(0), inputs.get(1), context.needsSplit());
        INDArray penalty = penalty(inputs);
        if (penalty == null) {
            return raw;
        }
        INDArray x = raw.input().add(penalty);
        INDArray xRef = raw.reference().add(penalty);
        if (!raw.hasExplicitSplit()) {
            return PairActivations.of(x, xRef);
        }
        INDArray ratio = ratio(x.sub(xRef), raw.delta());
        return PairActivations.withSplit(x, xRef, raw.deltaPlus().mul(ratio), raw.deltaMinus().mul(ratio));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        check(inputs);
        BatchedMatmulOp op = product(inputs);
        PairActivations keys = inputs.get(0);
        PairActivations queries = inputs.get(1);
        INDArray penalty = penalty(inputs);
        Multipliers m = out;
        if (penalty != null && !context.pureGradient() && reachesMaskedKeys(out, penalty)) {
            // Only in a row whose every key is masked: scale by Δs/Δ(raw score), recomputing the raw scores.
            INDArray s = op.apply(keys.input(), queries.input());
            INDArray sRef = op.apply(keys.broadcastReference(), queries.broadcastReference());
            INDArray ratio = ratio(output.delta(), s.subi(sRef));
            m = out.isSymmetric() ? Multipliers.symmetric(out.plus().mul(ratio))
                    : Multipliers.of(out.plus().mul(ratio), out.minus().mul(ratio));
        }
        // Rounding is monotone, so Δs and the raw delta never differ in sign: the output's pair decides the collapse.
        List<Multipliers> back = new ArrayList<>(ShapleyProduct.backward(op, m, keys, queries, output,
                context.pureGradient()));
        if (inputs.size() == 3) {
            back.add(null); // the mask takes no multipliers
        }
        return back;
    }

    /** {@code (m − 1)·1e9} as {@code [N, 1, Tk, 1]}, or null where there is no mask or every key is kept. */
    private static INDArray penalty(List<PairActivations> inputs) {
        if (inputs.size() < 3) {
            return null;
        }
        INDArray mask = inputs.get(2).input();
        if (mask.minNumber().doubleValue() == 1.0 && mask.maxNumber().doubleValue() == 1.0) {
            return null;
        }
        INDArray keys = inputs.get(0).input();
        return mask.sub(1.0).muli(MASK_PENALTY).reshape(keys.size(0), 1, keys.size(3), 1);
    }

    /** True if a masked key's score receives a non-zero multiplier. */
    private static boolean reachesMaskedKeys(Multipliers out, INDArray penalty) {
        INDArray masked = penalty.neq(0.0).castTo(penalty.dataType());
        INDArray reach = Transforms.abs(out.plus().mul(masked), false);
        if (!out.isSymmetric()) {
            reach.addi(Transforms.abs(out.minus().mul(masked), false));
        }
        return reach.maxNumber().doubleValue() > 0.0;
    }

    /** {@code num/den} where {@code den ≠ 0}, else 1 (equal scores stay equal after the penalty). */
    private static INDArray ratio(INDArray num, INDArray den) {
        INDArray zero = den.eq(0.0).castTo(den.dataType());
        return num.add(zero).divi(den.add(zero));
    }

    private void check(List<PairActivations> inputs) {
        if (inputs.size() != 2 && inputs.size() != 3) {
            throw new IllegalStateException(this + " takes keys, queries and optionally a mask, got "
                    + inputs.size() + " inputs");
        }
    }

    @Override
    public String toString() {
        return "attentionScores";
    }
}
