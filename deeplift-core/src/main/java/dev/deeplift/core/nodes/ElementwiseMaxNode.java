package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.rules.Ratios;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The element-wise maximum of several inputs of one shape ({@code ElementWiseVertex} Max), credited like max
 * pooling over the inputs ({@link MaxPoolMode}): under cross-max, with {@code M = max(y, y_ref)}, {@code M − y_ref}
 * goes to the input that is largest at the input and {@code y − M} to the one largest at the reference (the first
 * on ties), so each element's credits sum to {@code Δy}; multipliers are the credits over each input's {@code Δx},
 * falling back to the gradient where {@code Δx} is tiny.
 */
public final class ElementwiseMaxNode implements RuleNode {

    @Override
    public LayerKind kind() {
        return LayerKind.POOLING;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        INDArray y = inputs.get(0).input();
        INDArray yRef = inputs.get(0).reference();
        for (int k = 1; k < inputs.size(); k++) {
            y = Transforms.max(y, inputs.get(k).input(), true);
            yRef = max(yRef, inputs.get(k).reference());
        }
        return PairActivations.of(y, yRef);
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        INDArray m = out.collapseOn(output);
        INDArray[] atInput = firstMax(inputs, true, output.input());
        List<Multipliers> result = new ArrayList<>();
        if (context.pureGradient() || context.maxPoolMode() == MaxPoolMode.GRADIENT) {
            for (INDArray chosen : atInput) {
                result.add(Multipliers.symmetric(chosen.muli(m)));
            }
            return result;
        }
        INDArray dy = output.delta();
        INDArray up = Transforms.relu(dy, true).muli(m);
        INDArray down = Transforms.min(dy, 0.0, true).muli(m);
        INDArray[] atReference = firstMax(inputs, false, output.broadcastReference());
        for (int k = 0; k < inputs.size(); k++) {
            PairActivations in = inputs.get(k);
            INDArray credit = atInput[k].mul(up).addi(atReference[k].mul(down));
            INDArray gradient = atInput[k].mul(m);
            double[] scale = Ratios.sum(in.inputScale(), in.referenceScale());
            result.add(Multipliers.symmetric(Ratios.safeRatio(credit, in.delta(), scale, context.epsilon(),
                    () -> gradient)));
        }
        return result;
    }

    /** Per input, 1 where it is the first input equal to the maximum {@code top} on that side, else 0. */
    private static INDArray[] firstMax(List<PairActivations> inputs, boolean inputSide, INDArray top) {
        INDArray[] chosen = new INDArray[inputs.size()];
        INDArray taken = top.mul(0.0);
        for (int k = 0; k < inputs.size(); k++) {
            PairActivations in = inputs.get(k);
            INDArray v = inputSide ? in.input() : in.broadcastReference();
            if (v.size(0) != top.size(0)) {
                v = top.mul(0.0).addi(v);
            }
            INDArray isMax = v.eq(top).castTo(top.dataType()).muli(taken.rsub(1.0));
            taken.addi(isMax);
            chosen[k] = isMax;
        }
        return chosen;
    }

    private static INDArray max(INDArray a, INDArray b) {
        return a.size(0) >= b.size(0) ? Transforms.max(a, b, true) : Transforms.max(b, a, true);
    }

    @Override
    public String toString() {
        return "max";
    }
}
