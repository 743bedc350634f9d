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
 * The elementwise minimum of several {@code [N, T]} feature masks: an {@code AttentionVertex}'s key mask from its
 * keys' and values' masks, as DL4J combines them. A mask is the same at the input and the reference and takes no
 * multipliers.
 */
public final class MaskMinNode implements RuleNode {

    @Override
    public LayerKind kind() {
        return LayerKind.MERGE;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        INDArray min = inputs.get(0).input();
        for (int k = 1; k < inputs.size(); k++) {
            min = Transforms.min(min, inputs.get(k).input(), true);
        }
        return PairActivations.of(min, min);
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
        return "maskMin";
    }
}
