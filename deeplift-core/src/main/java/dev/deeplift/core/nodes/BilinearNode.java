package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.ops.BilinearOp;
import java.util.List;

/**
 * A product of two activations {@code y = f(a, b)} through a {@link BilinearOp}, such as attention's weighted sum
 * {@code V·A} over the keys: the product rule, the exact two-player Shapley split (see {@link ShapleyProduct}).
 */
public final class BilinearNode implements RuleNode {
    private final LayerKind kind;
    private final BilinearOp op;

    /** @param kind what the product is, for rule policies; @param op the bilinear map */
    public BilinearNode(LayerKind kind, BilinearOp op) {
        this.kind = kind;
        this.op = op;
    }

    @Override
    public LayerKind kind() {
        return kind;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        check(inputs);
        return ShapleyProduct.forward(op, inputs.get(0), inputs.get(1), context.needsSplit());
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        check(inputs);
        return ShapleyProduct.backward(op, out, inputs.get(0), inputs.get(1), output,
                context.pureGradient());
    }

    private void check(List<PairActivations> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalStateException(this + " takes two inputs, got " + inputs.size());
        }
    }

    @Override
    public String toString() {
        return "bilinear " + op;
    }
}
