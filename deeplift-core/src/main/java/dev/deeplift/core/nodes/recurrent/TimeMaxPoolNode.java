package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.nodes.FirstMax;
import dev.deeplift.core.rules.Ratios;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Max pooling of rank-3 activations over one axis, over the unmasked steps only when a feature mask (second input)
 * is given, as DL4J's {@code GlobalPoolingLayer} MAX computes it. Multipliers follow the {@link MaxPoolMode} as for
 * max pooling: under cross-max, with {@code M = max(y, y_ref)}, {@code M − y_ref} is credited to the input's arg-max
 * step and {@code y − M} to the reference's (first arg-max on ties), so the scores sum to {@code Δy}.
 */
public final class TimeMaxPoolNode implements RuleNode {
    /** Added to masked steps so that they never win (finite, so that no infinity reaches an arithmetic op). */
    private static final double PADDING = -Double.MAX_VALUE;
    private final int axis;

    /** @param axis the pooled axis, 1 or 2 */
    public TimeMaxPoolNode(int axis) {
        if (axis != 1 && axis != 2) {
            throw new IllegalArgumentException("time pooling over axis 1 or 2 of rank-3 activations, got " + axis);
        }
        this.axis = axis;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.POOLING;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        PairActivations x = inputs.get(0);
        INDArray mask = mask(inputs);
        INDArray ref = sideReference(x, mask);
        return PairActivations.of(masked(x.input(), mask).max(axis), masked(ref, mask).max(axis));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        PairActivations in = inputs.get(0);
        INDArray mask = mask(inputs);
        INDArray m = out.collapseOn(output);
        INDArray x = masked(in.input(), mask);
        List<Multipliers> result = new ArrayList<>();
        if (context.pureGradient() || context.maxPoolMode() == MaxPoolMode.GRADIENT) {
            result.add(Multipliers.symmetric(route(x, m)));
        } else {
            INDArray dy = output.delta();
            INDArray credit = route(x, Transforms.relu(dy, true).muli(m));
            if (dy.minNumber().doubleValue() < 0) {
                INDArray ref = masked(sideReference(in, mask), mask);
                INDArray full = ref.size(0) == x.size(0) ? ref : Nd4j.zeros(ref.dataType(), x.shape()).addi(ref);
                credit.addi(route(full, Transforms.min(dy, 0.0, true).muli(m)));
            }
            double[] scale = Ratios.sum(in.inputScale(), in.referenceScale());
            result.add(Multipliers.symmetric(Ratios.safeRatio(credit, in.delta(), scale, context.epsilon(),
                    () -> route(x, m))));
        }
        if (inputs.size() > 1) {
            result.add(null);
        }
        return result;
    }

    private static INDArray mask(List<PairActivations> inputs) {
        if (inputs.size() < 2) {
            return null;
        }
        INDArray m = inputs.get(1).input();
        return m.minNumber().doubleValue() == 1.0 ? null : m;
    }

    /** The reference, one row per example where a mask with padding makes each example's pooling its own. */
    private static INDArray sideReference(PairActivations x, INDArray mask) {
        return mask != null && x.reference().size(0) == 1 ? x.broadcastReference() : x.reference();
    }

    /** {@code a} with its masked steps set far below any value. */
    private INDArray masked(INDArray a, INDArray mask) {
        if (mask == null) {
            return a;
        }
        INDArray penalty = mask.rsub(1.0).muli(PADDING);
        INDArray shaped = axis == 2 ? penalty.reshape(penalty.size(0), 1, penalty.size(1))
                : penalty.reshape(penalty.size(0), penalty.size(1), 1);
        return a.add(shaped);
    }

    /** {@code v} ({@code [n, C]}) put at the first arg-max step of {@code a} for each example and channel. */
    private INDArray route(INDArray a, INDArray v) {
        INDArray column = axis == 2 ? v.reshape(v.size(0), v.size(1), 1) : v.reshape(v.size(0), 1, v.size(1));
        if (a.size(axis) == 1) {
            return column.dup(); // a single step is its own maximum
        }
        return FirstMax.indicator(a, axis).muli(column);
    }

    @Override
    public String toString() {
        return "maxPool(axis " + axis + ")";
    }
}
