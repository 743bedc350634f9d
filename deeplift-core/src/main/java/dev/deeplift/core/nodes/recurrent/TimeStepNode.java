package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Layout;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * One step of each example's sequence, {@code [N, C, T]} or {@code [N, T, C]} to {@code [N, C]}: the last (or first)
 * step, or with a feature mask (the optional second input) the last (or first) unmasked step of each example, the
 * same step at the input and the reference. A selection is linear: multipliers go back to the chosen step, and a
 * RevealCancel split passes through. A reference shared by every example stays one row unless the examples' steps
 * differ.
 */
public final class TimeStepNode implements RuleNode {
    private final Layout layout;
    private final StepSelection selection;

    /** @param layout the sequences' layout; @param selection which step */
    public TimeStepNode(Layout layout, StepSelection selection) {
        this.layout = layout;
        this.selection = selection;
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
        INDArray s = selector(inputs, x.input());
        INDArray ref = x.reference();
        boolean sameStep = s.size(0) == 1 || s.sum(0).maxNumber().doubleValue() == s.size(0);
        INDArray refPick = ref.size(0) == 1 && sameStep ? pick(ref, s.getRow(0, true)) : pick(ref, s);
        INDArray in = pick(x.input(), s);
        if (!context.needsSplit()) {
            return PairActivations.of(in, refPick);
        }
        return PairActivations.withSplit(in, refPick, pick(x.deltaPlus(), s), pick(x.deltaMinus(), s));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        INDArray s = selector(inputs, inputs.get(0).input());
        List<Multipliers> result = new ArrayList<>();
        result.add(out.isSymmetric() ? Multipliers.symmetric(spread(out.plus(), s))
                : Multipliers.of(spread(out.plus(), s), spread(out.minus(), s)));
        if (inputs.size() > 1) {
            result.add(null);
        }
        return result;
    }

    private INDArray selector(List<PairActivations> inputs, INDArray x) {
        int timeAxis = layout.widthAxis();
        INDArray mask = inputs.size() > 1 ? inputs.get(1).input() : null;
        return selection.selector(mask, mask == null ? 1 : x.size(0), x.size(timeAxis), x.dataType());
    }

    /** {@code Σ_t a[:, :, t]·s[:, t]} (or over axis 1 for NWC): each example's chosen step. */
    private INDArray pick(INDArray a, INDArray s) {
        int timeAxis = layout.widthAxis();
        long rows = Math.max(a.size(0), s.size(0));
        INDArray weights = timeAxis == 2 ? s.reshape(s.size(0), 1, s.size(1)) : s.reshape(s.size(0), s.size(1), 1);
        INDArray product = a.size(0) >= s.size(0) ? a.mul(weights) : weights.mul(a);
        return product.sum(timeAxis).reshape(rows, a.size(layout.channelAxis()));
    }

    /** Multipliers {@code [n, C]} put at each example's chosen step, zeros elsewhere. */
    private INDArray spread(INDArray m, INDArray s) {
        int timeAxis = layout.widthAxis();
        INDArray weights = timeAxis == 2 ? s.reshape(s.size(0), 1, s.size(1)) : s.reshape(s.size(0), s.size(1), 1);
        INDArray column = timeAxis == 2 ? m.reshape(m.size(0), m.size(1), 1) : m.reshape(m.size(0), 1, m.size(1));
        return weights.size(0) >= column.size(0) ? weights.mul(column) : column.mul(weights);
    }

    @Override
    public String toString() {
        return (selection == StepSelection.LAST ? "lastStep" : "firstStep") + "(" + layout + ")";
    }
}
