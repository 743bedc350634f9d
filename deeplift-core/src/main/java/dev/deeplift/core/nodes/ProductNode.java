package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.ops.ElementwiseProductOp;
import java.util.List;

/**
 * An elementwise product {@code y = a ⊙ b} of two inputs of one shape, split by the two-player Shapley value, which
 * is exact: {@code Δa} contributes {@code Δa ⊙ (b + b_ref)/2} and {@code Δb} contributes {@code Δb ⊙ (a + a_ref)/2},
 * and the two sum to {@code Δy} for every element. So the multipliers are {@code m_a = m_y ⊙ (b + b_ref)/2} and
 * {@code m_b = m_y ⊙ (a + a_ref)/2} (for plain gradients, {@code b} and {@code a} themselves): gates of recurrent
 * cells, attention's weighted sums, {@code ElementWiseVertex} Product. More than two factors are folded left, pairwise.
 *
 * <p>The bilinear case of {@link ShapleyProduct}: under pure gradients ({@link NodeContext#pureGradient()}) the
 * multipliers are the true gradient, {@code m_y ⊙ b} and {@code m_y ⊙ a} at the input; when a RevealCancel
 * nonlinearity reads it, its delta is split into the sums of its positive and negative terms; otherwise multipliers
 * arriving in two parts are collapsed by the sign of its own delta, and both inputs get one multiplier per element.
 */
public final class ProductNode implements RuleNode {

    @Override
    public LayerKind kind() {
        return LayerKind.MERGE;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        check(inputs);
        return ShapleyProduct.forward(ElementwiseProductOp.INSTANCE, inputs.get(0), inputs.get(1),
                context.needsSplit());
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        check(inputs);
        return ShapleyProduct.backward(ElementwiseProductOp.INSTANCE, out, inputs.get(0), inputs.get(1), output,
                context.pureGradient());
    }

    private void check(List<PairActivations> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalStateException("A product node takes two inputs, got " + inputs.size());
        }
    }

    @Override
    public String toString() {
        return "product";
    }
}
