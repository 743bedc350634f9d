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
 * Sequence activations multiplied by their {@code [N, T]} mask, repeated over the features: what DL4J does to the
 * output of an {@code AttentionVertex} at masked query steps. Linear in the activations with non-negative weights
 * (the mask is the same at the input and the reference), so a sign split passes through; the mask input takes no
 * multipliers.
 */
public final class MaskMultiplyNode implements RuleNode {
    private final int timeAxis;

    /** @param timeAxis the activations' time axis, counting the batch axis (2 for NCW {@code [N, F, T]}) */
    public MaskMultiplyNode(int timeAxis) {
        if (timeAxis < 1) {
            throw new IllegalArgumentException("The time axis must be >= 1, got " + timeAxis);
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
        check(inputs);
        PairActivations x = inputs.get(0);
        INDArray mask = shaped(inputs.get(1).input(), x.input());
        INDArray y = x.input().mul(mask);
        INDArray yRef = x.reference().mul(mask);
        if (!context.needsSplit()) {
            return PairActivations.of(y, yRef);
        }
        return PairActivations.withSplit(y, yRef, x.deltaPlus().mul(mask), x.deltaMinus().mul(mask));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        check(inputs);
        INDArray mask = shaped(inputs.get(1).input(), inputs.get(0).input());
        Multipliers m = out.isSymmetric() ? Multipliers.symmetric(out.plus().mul(mask))
                : Multipliers.of(out.plus().mul(mask), out.minus().mul(mask));
        return Arrays.asList(m, null);
    }

    /** The {@code [N, T]} mask shaped to broadcast over {@code x}'s other axes. */
    private INDArray shaped(INDArray mask, INDArray x) {
        long[] shape = new long[x.rank()];
        Arrays.fill(shape, 1);
        shape[0] = mask.size(0);
        shape[timeAxis] = mask.size(1);
        if (x.size(timeAxis) != mask.size(1) || x.size(0) != mask.size(0)) {
            throw new IllegalArgumentException("A mask " + Arrays.toString(mask.shape()) + " cannot mask activations "
                    + Arrays.toString(x.shape()) + " along axis " + timeAxis);
        }
        return mask.reshape(shape);
    }

    private void check(List<PairActivations> inputs) {
        if (inputs.size() != 2) {
            throw new IllegalStateException(this + " takes activations and a mask, got " + inputs.size() + " inputs");
        }
    }

    @Override
    public String toString() {
        return "maskMultiply(axis " + timeAxis + ")";
    }
}
