package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Layout;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.graph.Sized;
import dev.deeplift.core.ops.DenseOp;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A recurrent layer as one node: its forward runs the cell over every step of input and reference together
 * (stacked as rows, one matrix product per step), keeping what the backward needs; its backward runs through time
 * applying the same elementary rules as a graph of separate nodes would: the Linear rule through input, recurrent and
 * peephole weights (biases contribute nothing), the {@link NodeContext}'s nonlinear rule at every gate and cell
 * activation, and the product rule (two-player Shapley) at every product. So the node conserves contributions
 * exactly, and summation-to-delta holds through it.
 *
 * <p>Sequences are {@code [N, C, T]} ({@link Layout#NCW}) or {@code [N, T, C]} ({@link Layout#NWC}); the initial
 * state is zero at the input and the reference, as in DL4J's inference. The node may run backwards in time (reading
 * and writing step {@code t} for {@code t = T−1..0}): the backward direction of bidirectional layers. The input's
 * projection {@code x·W + b} is one matrix product for every step, and so is the multipliers' way back through
 * {@code W}.
 *
 * <p><b>RevealCancel.</b> The pre-activation of every gate is a linear map of the step's input, the previous output
 * and (peepholes) the cell state, so, as for dense layers, its positive part is the sum of its positive terms
 * {@code w·Δ} and its negative part the sum of the negative ones, each input split by its own sign; multipliers go
 * back through {@code |W|} for the difference of the parts. A product's output is split by its own sign (the product
 * rule shares total deltas, not parts), and the cell state {@code c(t) = f⊙c(t−1) + i⊙a} is a sum of two products, so
 * its positive part is the sum of the positive product terms and its negative part the sum of the negative ones:
 * that is the split RevealCancel sees at the cell activation. Every step conserves contributions exactly, so
 * summation-to-delta is kept.
 *
 * <p><b>Masks.</b> Where a {@link StepMask} applies, the outputs (and cell states) of step {@code t} are multiplied by
 * the mask, at the input and the reference. A given mask is the same on both sides: a factor of 0 or 1 that passes
 * multipliers unchanged or stops them. A mask derived from each side's own values ({@link StepMask#derived}) may
 * differ between the sides: the product rule then also credits the mask's change, which goes to the features of that
 * step whose value changed, in equal shares: the exact Shapley value of the mask function, which flips from 0 to 1
 * only between a step of all masking values and one with some other value.
 */
public abstract class RecurrentNode implements RuleNode {
    private final INDArray inputWeights;
    private final INDArray bias;
    private final Layout layout;
    private final boolean backwards;
    private final StepMask mask;

    RecurrentNode(INDArray inputWeights, INDArray bias, Layout layout, boolean backwards, StepMask mask) {
        if (layout != Layout.NCW && layout != Layout.NWC) {
            throw new IllegalArgumentException("A recurrent node reads NCW or NWC sequences, got " + layout);
        }
        this.inputWeights = inputWeights;
        this.bias = bias;
        this.layout = layout;
        this.backwards = backwards;
        this.mask = mask;
    }

    /** One pass of the cell over every step of stacked rows. */
    interface Run {
        /** The outputs of every row, after masking, {@code [T, S, H]}. */
        INDArray output();

        /**
         * Multipliers on the pre-activations of every step ({@code [T, n, G]}, their positive and negative parts, or
         * one array with null second part), and the credit of the mask's change per step ({@code [T, n]}) or null.
         *
         * @param mOut multipliers on the outputs, {@code [T, n, H]}
         */
        INDArray[] backward(INDArray mOut);
    }

    /** Runs the cell over time on the projected inputs {@code x·W + b}, {@code [T, S, G]}. */
    abstract Run run(SequenceRows rows, INDArray projected, NodeContext context);

    /** The input weights {@code [nIn, G]}. */
    INDArray inputWeights() {
        return inputWeights;
    }

    /** True if the node runs from the last step to the first. */
    public boolean backwards() {
        return backwards;
    }

    /** Where the node's mask comes from. */
    public StepMask mask() {
        return mask;
    }

    /** The sequence layout it reads and writes. */
    public Layout layout() {
        return layout;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.RECURRENT;
    }

    @Override
    public LayerKind internalNonlinearityKind() {
        return LayerKind.RECURRENT;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        StepRules.check(context, toString());
        Trace trace = trace(inputs, context);
        INDArray h = trace.run.output();
        return PairActivations.withState(SequenceRows.fromTimeMajor(trace.rows.in(h), layout),
                SequenceRows.fromTimeMajor(trace.rows.ref(h), layout), trace);
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        // Activations made without this node's forward (another reference's pass) carry no trace: rebuild it.
        Trace trace = output.state() instanceof Trace t ? t : trace(inputs, context);
        SequenceRows rows = trace.rows;
        INDArray mOut = SequenceRows.timeMajor(out.collapseOn(output), layout);
        INDArray[] back = trace.run.backward(mOut);
        int steps = rows.steps();
        int n = rows.examples();
        long features = inputWeights.size(0);
        long g = back[0].size(2);
        DenseOp w = new DenseOp(inputWeights, null);
        INDArray mx;
        if (back[1] == null) {
            mx = w.transpose(back[0].reshape((long) steps * n, g), null);
        } else {
            INDArray sum = w.transpose(back[0].add(back[1]).reshape((long) steps * n, g), null);
            INDArray diff = w.absolute().transpose(back[0].sub(back[1]).reshape((long) steps * n, g), null);
            INDArray sign = StepRules.sign(rows.delta(rows.x())).reshape((long) steps * n, features);
            mx = sum.addi(diff.muli(sign)).muli(0.5);
        }
        mx = mx.reshape(steps, n, features);
        if (back[2] != null) {
            mx.addi(maskCredit(rows, back[2]));
        }
        List<Multipliers> result = new ArrayList<>();
        result.add(Multipliers.symmetric(SequenceRows.fromTimeMajor(mx, layout)));
        if (mask.kind() == StepMask.Kind.GIVEN) {
            result.add(null);
        }
        return result;
    }

    /**
     * Multipliers on the input features for the credit of a derived mask's change at each step: equal shares of
     * {@code credit[t, n]} among the features whose value changed, divided by their change.
     */
    private static INDArray maskCredit(SequenceRows rows, INDArray credit) {
        INDArray dx = rows.delta(rows.x());
        INDArray changed = dx.neq(0.0).castTo(dx.dataType());
        INDArray count = changed.sum(true, 2);
        INDArray share = credit.reshape(credit.size(0), credit.size(1), 1).div(Transforms.max(count, 1.0, true));
        INDArray safe = dx.add(changed.rsub(1.0));
        return changed.muli(share).divi(safe);
    }

    private Trace trace(List<PairActivations> inputs, NodeContext context) {
        int expected = mask.kind() == StepMask.Kind.GIVEN ? 2 : 1;
        if (inputs.size() != expected) {
            throw new IllegalStateException(this + " takes " + expected + " inputs, got " + inputs.size());
        }
        PairActivations x = inputs.get(0);
        if (x.input().rank() != 3) {
            throw new IllegalArgumentException(this + " needs sequences " + (layout == Layout.NCW
                    ? "[N, C, T]" : "[N, T, C]") + ", got " + java.util.Arrays.toString(x.input().shape()));
        }
        SequenceRows rows = SequenceRows.of(x, expected == 2 ? inputs.get(1) : null, layout, mask);
        INDArray stacked = rows.x();
        long steps = stacked.size(0);
        long rowCount = stacked.size(1);
        INDArray flat = stacked.reshape(steps * rowCount, stacked.size(2));
        INDArray projected = new DenseOp(inputWeights, bias).apply(flat);
        return new Trace(rows, run(rows, projected.reshape(steps, rowCount, projected.size(1)), context));
    }

    /** What the backward needs from a forward: the stacked rows and the cell's run. */
    private record Trace(SequenceRows rows, Run run) implements Sized {
        @Override
        public long bytes() {
            // The gates, states, their midpoints and slopes: about sixteen arrays the size of the stacked outputs.
            INDArray h = run.output();
            return 16L * h.length() * h.dataType().width();
        }
    }
}
