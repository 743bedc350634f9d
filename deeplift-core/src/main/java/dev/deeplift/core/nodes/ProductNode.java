package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An elementwise product {@code y = a ⊙ b} of two inputs of one shape, split by the two-player Shapley value, which
 * is exact: {@code Δa} contributes {@code Δa ⊙ (b + b_ref)/2} and {@code Δb} contributes {@code Δb ⊙ (a + a_ref)/2},
 * and the two sum to {@code Δy} for every element. So the multipliers are {@code m_a = m_y ⊙ (b + b_ref)/2} and
 * {@code m_b = m_y ⊙ (a + a_ref)/2}: gates of recurrent cells, attention's weighted sums, {@code ElementWiseVertex}
 * Product. More than two factors are folded left, pairwise.
 *
 * <p>Under pure gradients ({@link NodeContext#pureGradient()}) the multipliers are the true gradient instead,
 * {@code m_y ⊙ b} and {@code m_y ⊙ a} at the input.
 *
 * <p>Its output delta is split by its own sign (positive and negative multipliers arriving from a RevealCancel
 * consumer are collapsed by that sign), and both inputs get one multiplier per element.
 */
public final class ProductNode implements RuleNode {

    @Override
    public LayerKind kind() {
        return LayerKind.MERGE;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        check(inputs);
        PairActivations a = inputs.get(0);
        PairActivations b = inputs.get(1);
        return PairActivations.of(times(a.input(), b.input()), times(a.reference(), b.reference()));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        check(inputs);
        INDArray m = out.collapse(output.delta());
        PairActivations a = inputs.get(0);
        PairActivations b = inputs.get(1);
        if (context.pureGradient()) {
            // Plain gradients (what integrated gradients average) are the other factor at the input.
            return List.of(Multipliers.symmetric(m.mul(b.input())), Multipliers.symmetric(m.mul(a.input())));
        }
        INDArray mA = m.mul(plus(b.input(), b.reference())).muli(0.5);
        INDArray mB = m.mul(plus(a.input(), a.reference())).muli(0.5);
        return List.of(Multipliers.symmetric(mA), Multipliers.symmetric(mB));
    }

    /** {@code x ⊙ y} where either may be a shared {@code [1, ...]} row (the larger operand goes first to broadcast). */
    static INDArray times(INDArray x, INDArray y) {
        return x.size(0) >= y.size(0) ? x.mul(y) : y.mul(x);
    }

    /** {@code x + y} where either may be a shared {@code [1, ...]} row. */
    static INDArray plus(INDArray x, INDArray y) {
        return x.size(0) >= y.size(0) ? x.add(y) : y.add(x);
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
