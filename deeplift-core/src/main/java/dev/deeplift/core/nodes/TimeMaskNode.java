package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A feature mask applied to sequence activations, {@code y[n, ..., t, ...] = x[n, ..., t, ...] · mask[n, t]}, as DL4J
 * zeroes the masked steps of a layer's output. Its inputs are the activations and a mask input
 * ({@link dev.deeplift.core.graph.InputNode#maskOf}), the same 0/1 array at the input and the reference: for the
 * activations it is a linear map with 0/1 weights (the Linear rule: {@code m_x = m_y · mask}, a RevealCancel split
 * passes through), and the mask gets no multipliers (null).
 */
public final class TimeMaskNode implements RuleNode {
    private final int timeAxis;

    /** @param timeAxis the activations' axis of time steps, counting the batch axis (2 for NCW, 1 for NWC) */
    public TimeMaskNode(int timeAxis) {
        if (timeAxis < 1) {
            throw new IllegalArgumentException("the time axis must be 1 or more, got " + timeAxis);
        }
        this.timeAxis = timeAxis;
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
        INDArray mask = steps(inputs.get(1).input(), x.input().rank());
        INDArray y = x.input().mul(mask);
        // A shared [1, ...] reference becomes one row per example: each example has its own mask.
        INDArray yRef = x.broadcastReference().mul(mask);
        if (!context.needsSplit()) {
            return PairActivations.of(y, yRef);
        }
        return PairActivations.withSplit(y, yRef, x.deltaPlus().mul(mask), x.deltaMinus().mul(mask));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        INDArray mask = steps(inputs.get(1).input(), output.input().rank());
        Multipliers m = out.isSymmetric() ? Multipliers.symmetric(out.plus().mul(mask))
                : Multipliers.of(out.plus().mul(mask), out.minus().mul(mask));
        return Arrays.asList(m, null);
    }

    /** The {@code [N, T]} mask shaped to broadcast over activations of the given rank. */
    private INDArray steps(INDArray mask, int rank) {
        long[] shape = new long[rank];
        Arrays.fill(shape, 1);
        shape[0] = mask.size(0);
        shape[timeAxis] = mask.size(1);
        return mask.reshape(shape);
    }

    @Override
    public String toString() {
        return "mask(time axis " + timeAxis + ")";
    }
}
