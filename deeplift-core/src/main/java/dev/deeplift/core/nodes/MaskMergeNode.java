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
 * Several {@code [N, T]} feature masks (0 or 1) combined elementwise into one, as DL4J combines them:
 * {@link #min()} for an {@code AttentionVertex}'s key mask from its keys' and values' masks, {@link #or()} for the
 * mask DL4J's merge and element-wise vertices pass on when every input is masked. A mask is the same at the input
 * and the reference and takes no multipliers.
 */
public final class MaskMergeNode implements RuleNode {
    private final boolean or;

    private MaskMergeNode(boolean or) {
        this.or = or;
    }

    /** The elementwise minimum: a step is present where every mask has it. */
    public static MaskMergeNode min() {
        return new MaskMergeNode(false);
    }

    /** The elementwise maximum, i.e. OR: a step is present where any mask has it. */
    public static MaskMergeNode or() {
        return new MaskMergeNode(true);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.MERGE;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        INDArray merged = inputs.get(0).input();
        for (int k = 1; k < inputs.size(); k++) {
            INDArray next = inputs.get(k).input();
            merged = or ? Transforms.max(merged, next, true) : Transforms.min(merged, next, true);
        }
        return PairActivations.of(merged, merged);
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
        return or ? "maskOr" : "maskMin";
    }
}
