package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.ops.LinearOp;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Linear rule over several inputs, {@code y = Σ_k J_k·x_k + b} (the bias is part of the ops): the
 * pre-activation of a recurrent step, {@code x_t·W + b + h·R}, whose nonlinearity is then fed by one node of the
 * node's kind (a {@link WeightedSumNode} over separate {@link LinearNode}s would be a merge). Multipliers go back
 * through each {@code J_kᵀ}; for RevealCancel the delta is split into the sums of the positive and negative terms
 * {@code J_k·Δx_k} of all inputs together, exactly as {@link LinearNode} splits one input's.
 */
public final class LinearSumNode implements RuleNode {
    private final LayerKind kind;
    private final List<LinearOp> ops;

    /** @param kind what the sum is, for rule policies; @param ops one map per input, in the graph's input order */
    public LinearSumNode(LayerKind kind, List<LinearOp> ops) {
        if (ops.isEmpty()) {
            throw new IllegalArgumentException("A linear sum needs at least one input");
        }
        this.kind = kind;
        this.ops = List.copyOf(ops);
    }

    @Override
    public LayerKind kind() {
        return kind;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        check(inputs);
        INDArray y = null;
        INDArray yRef = null;
        INDArray magnitude = null;
        for (int k = 0; k < ops.size(); k++) {
            PairActivations in = inputs.get(k);
            y = add(y, ops.get(k).apply(in.input()));
            yRef = add(yRef, ops.get(k).apply(in.reference()));
            if (context.needsSplit()) {
                magnitude = add(magnitude, ops.get(k).absolute().applyLinear(Transforms.abs(in.delta(), true)));
            }
        }
        if (!context.needsSplit()) {
            return PairActivations.of(y, yRef);
        }
        return ShapleyProduct.withSplit(y, yRef, y.sub(yRef), magnitude);
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        check(inputs);
        List<Multipliers> result = new ArrayList<>(ops.size());
        INDArray sum = out.isSymmetric() ? out.plus() : out.plus().add(out.minus());
        INDArray diff = out.isSymmetric() ? null : out.plus().sub(out.minus());
        for (int k = 0; k < ops.size(); k++) {
            PairActivations in = inputs.get(k);
            INDArray s = ops.get(k).transpose(sum, in.input());
            if (diff == null) {
                result.add(Multipliers.symmetric(s));
                continue;
            }
            // As in LinearNode: ½(Jᵀ(m+ + m−) ± |J|ᵀ(m+ − m−)) by the sign of the input's delta.
            INDArray d = ops.get(k).absolute().transpose(diff, in.input());
            INDArray plus = s.add(d).muli(0.5);
            INDArray minus = s.sub(d).muli(0.5);
            result.add(Multipliers.symmetric(Multipliers.of(plus, minus).collapseOn(in)));
        }
        return result;
    }

    /** {@code acc + a}, where either may be a shared {@code [1, ...]} reference row. */
    private static INDArray add(INDArray acc, INDArray a) {
        if (acc == null) {
            return a;
        }
        return acc.size(0) >= a.size(0) ? acc.addi(a) : a.add(acc);
    }

    private void check(List<PairActivations> inputs) {
        if (inputs.size() != ops.size()) {
            throw new IllegalStateException(this + " takes " + ops.size() + " inputs, got " + inputs.size());
        }
    }

    @Override
    public String toString() {
        return "linearSum" + ops;
    }
}
