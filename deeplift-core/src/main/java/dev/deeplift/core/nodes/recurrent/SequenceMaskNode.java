package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Layout;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A sequence multiplied by its feature mask (second input, {@code [N, T]}), every feature of a step by the step's
 * mask: what DL4J does to a dense layer's pre-activations and outputs at padded steps, and to pooled sequences. The
 * mask is the same at the input and the reference, so this is a linear map with weights 0 or 1: multipliers are
 * masked too, and a RevealCancel split passes through.
 */
public final class SequenceMaskNode implements RuleNode {
    private final Layout layout;

    /** @param layout where the time axis is */
    public SequenceMaskNode(Layout layout) {
        this.layout = layout;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.RESHAPE;
    }

    @Override
    public boolean carriesSplit() {
        return true;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        PairActivations x = inputs.get(0);
        INDArray mask = inputs.get(1).input();
        boolean full = mask.minNumber().doubleValue() == 1.0;
        INDArray in = times(x.input(), mask);
        // With padding, a shared reference becomes each example's own masked reference.
        INDArray ref = x.reference().size(0) == 1 && full ? x.reference() : times(x.broadcastReference(), mask);
        if (!context.needsSplit()) {
            return PairActivations.of(in, ref);
        }
        return PairActivations.withSplit(in, ref, times(x.deltaPlus(), mask), times(x.deltaMinus(), mask));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        INDArray mask = inputs.get(1).input();
        Multipliers m = out.isSymmetric() ? Multipliers.symmetric(times(out.plus(), mask))
                : Multipliers.of(times(out.plus(), mask), times(out.minus(), mask));
        return Arrays.asList(m, null);
    }

    /** {@code a} ({@code [n, ...]} with the time axis of the layout) times the mask of each step. */
    INDArray times(INDArray a, INDArray mask) {
        if (a.size(0) != mask.size(0)) {
            // a shared row against an all-ones mask
            return a.dup();
        }
        return layout.widthAxis() == 2 ? a.mul(mask.reshape(mask.size(0), 1, mask.size(1)))
                : a.mul(mask.reshape(mask.size(0), mask.size(1), 1));
    }

    @Override
    public String toString() {
        return "maskSteps(" + layout + ")";
    }
}
