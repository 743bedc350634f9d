package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One {@code [N, T]} mask from several, as DL4J combines them: the elementwise minimum (an {@code AttentionVertex}'s
 * key mask from its keys' and values' masks) or a logical OR giving 0 or 1 (an {@code ElementWiseVertex} or
 * {@code MergeVertex}). A mask is the same at the input and the reference and takes no multipliers.
 */
public final class MaskCombineNode implements RuleNode {
    /** How the masks combine. */
    public enum Mode {
        /** The elementwise minimum. */
        MIN,
        /** 1 where any mask is non-zero, else 0. */
        OR
    }

    private final Mode mode;

    /** @param mode how the masks combine */
    public MaskCombineNode(Mode mode) {
        this.mode = mode;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.MERGE;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        INDArray combined = null;
        for (PairActivations in : inputs) {
            INDArray m = mode == Mode.OR ? in.input().neq(0.0).castTo(in.input().dataType()) : in.input();
            combined = combined == null ? m.dup() : mode == Mode.MIN ? Transforms.min(combined, m, false)
                    : Transforms.max(combined, m, false);
        }
        return PairActivations.of(combined, combined);
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        List<Multipliers> none = new ArrayList<>();
        inputs.forEach(i -> none.add(null));
        return none;
    }

    @Override
    public String toString() {
        return "mask" + mode;
    }
}
