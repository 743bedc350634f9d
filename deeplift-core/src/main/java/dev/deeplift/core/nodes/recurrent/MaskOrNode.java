package dev.deeplift.core.nodes.recurrent;

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
 * The element-wise OR of several feature masks ({@code [N, T]}, 0 or 1): the mask DL4J's merge and element-wise
 * vertices pass on when every input is masked. Masks are the same at the input and the reference and take no
 * multipliers.
 */
public final class MaskOrNode implements RuleNode {

    @Override
    public LayerKind kind() {
        return LayerKind.MERGE;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        INDArray or = inputs.get(0).input();
        for (int k = 1; k < inputs.size(); k++) {
            or = Transforms.max(or, inputs.get(k).input(), true);
        }
        return PairActivations.of(or, or);
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
        return "maskOr";
    }
}
