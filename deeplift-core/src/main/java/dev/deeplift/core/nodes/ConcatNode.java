package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Concatenation along one axis: multipliers are split back along it; a RevealCancel split passes through. */
public final class ConcatNode implements RuleNode {
    private final int axis;

    /** @param axis the axis, counting the batch axis as 0 (1 for features or NCHW channels) */
    public ConcatNode(int axis) {
        if (axis < 1) {
            throw new IllegalArgumentException("Concatenation along the batch axis has no per-example meaning");
        }
        this.axis = axis;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.MERGE;
    }

    @Override
    public boolean carriesSplit() {
        return true;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        INDArray y = concat(inputs, PairActivations::input);
        // References may be shared ([1, ...]) on one input and per example on another: align their batches.
        boolean allShared = inputs.stream().allMatch(p -> p.reference().size(0) == 1);
        INDArray yRef = concat(inputs, p -> allShared ? p.reference() : p.broadcastReference());
        if (!context.needsSplit()) {
            return PairActivations.of(y, yRef);
        }
        return PairActivations.withSplit(y, yRef, concat(inputs, PairActivations::deltaPlus),
                concat(inputs, PairActivations::deltaMinus));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        List<Multipliers> result = new ArrayList<>(inputs.size());
        long offset = 0;
        for (PairActivations in : inputs) {
            long size = in.input().size(axis);
            INDArray plus = slice(out.plus(), offset, size);
            result.add(out.isSymmetric() ? Multipliers.symmetric(plus)
                    : Multipliers.of(plus, slice(out.minus(), offset, size)));
            offset += size;
        }
        return result;
    }

    private INDArray concat(List<PairActivations> inputs, java.util.function.Function<PairActivations, INDArray> f) {
        INDArray[] parts = inputs.stream().map(f).toArray(INDArray[]::new);
        return Nd4j.concat(axis, parts);
    }

    private INDArray slice(INDArray a, long offset, long size) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        for (int i = 0; i < a.rank(); i++) {
            idx[i] = i == axis ? NDArrayIndex.interval(offset, offset + size) : NDArrayIndex.all();
        }
        return a.get(idx).dup();
    }

    @Override
    public String toString() {
        return "concat(axis " + axis + ")";
    }
}
