package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sum or average pooling of rank-3 activations over one axis, with an optional feature mask (second input,
 * {@code [N, size of that axis]}) as DL4J's {@code GlobalPoolingLayer} computes it: SUM {@code Σ_t m(t)·x(t)}, AVG
 * {@code Σ_t m(t)·x(t) / Σ_t m(t)}. Linear with non-negative weights: multipliers go back with the same weights and a
 * RevealCancel split passes through.
 */
public final class TimePoolNode implements RuleNode {
    private final int axis;
    private final boolean average;

    /**
     * @param axis    the pooled axis, 1 or 2
     * @param average AVG if true, else SUM
     */
    public TimePoolNode(int axis, boolean average) {
        if (axis != 1 && axis != 2) {
            throw new IllegalArgumentException("time pooling over axis 1 or 2 of rank-3 activations, got " + axis);
        }
        this.axis = axis;
        this.average = average;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.POOLING;
    }

    @Override
    public boolean carriesSplit() {
        return true;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        PairActivations x = inputs.get(0);
        INDArray w = weights(inputs, x.input());
        boolean sharedWeights = w.size(0) == 1;
        INDArray ref = x.reference().size(0) == 1 && !sharedWeights && !uniform(inputs)
                ? x.broadcastReference() : x.reference();
        INDArray refWeights = ref.size(0) == 1 ? w.getRow(0, true) : w;
        PairActivations out = context.needsSplit()
                ? PairActivations.withSplit(pool(x.input(), w), pool(ref, refWeights), pool(x.deltaPlus(), w),
                pool(x.deltaMinus(), w))
                : PairActivations.of(pool(x.input(), w), pool(ref, refWeights));
        return out;
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        INDArray x = inputs.get(0).input();
        INDArray w = weights(inputs, x);
        List<Multipliers> result = new ArrayList<>();
        result.add(out.isSymmetric() ? Multipliers.symmetric(spread(out.plus(), w, x))
                : Multipliers.of(spread(out.plus(), w, x), spread(out.minus(), w, x)));
        if (inputs.size() > 1) {
            result.add(null);
        }
        return result;
    }

    /** Per-example weights {@code [n or 1, T]}: the mask (or ones), divided by its sum for AVG. */
    private INDArray weights(List<PairActivations> inputs, INDArray x) {
        long steps = x.size(axis);
        INDArray m = inputs.size() > 1 ? inputs.get(1).input() : Nd4j.ones(x.dataType(), 1, steps);
        return average ? m.divColumnVector(m.sum(true, 1)) : m;
    }

    private static boolean uniform(List<PairActivations> inputs) {
        return inputs.size() < 2 || inputs.get(1).input().minNumber().doubleValue() == 1.0;
    }

    private INDArray pool(INDArray a, INDArray w) {
        INDArray shaped = axis == 2 ? w.reshape(w.size(0), 1, w.size(1)) : w.reshape(w.size(0), w.size(1), 1);
        INDArray product = a.size(0) >= shaped.size(0) ? a.mul(shaped) : shaped.mul(a);
        return product.sum(axis);
    }

    private INDArray spread(INDArray m, INDArray w, INDArray x) {
        INDArray shaped = axis == 2 ? w.reshape(w.size(0), 1, w.size(1)) : w.reshape(w.size(0), w.size(1), 1);
        INDArray column = axis == 2 ? m.reshape(m.size(0), m.size(1), 1) : m.reshape(m.size(0), 1, m.size(1));
        INDArray out = Nd4j.zeros(x.dataType(), x.shape());
        return out.addi(column).muli(shaped);
    }

    @Override
    public String toString() {
        return (average ? "avg" : "sum") + "Pool(axis " + axis + ")";
    }
}
