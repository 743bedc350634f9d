package dev.deeplift.core.graph;

import java.util.List;

/** A {@link RuleNode} with exactly one input. */
public abstract class UnaryNode implements RuleNode {

    /** Activations of this node from those of its input. */
    protected abstract PairActivations forward(PairActivations input, NodeContext context);

    /** Multipliers on the input from those on the output. */
    protected abstract Multipliers backward(Multipliers outputMultipliers, PairActivations input,
                                            PairActivations output, NodeContext context);

    @Override
    public final PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        return forward(single(inputs), context);
    }

    @Override
    public final List<Multipliers> backward(Multipliers outputMultipliers, List<PairActivations> inputs,
                                            PairActivations output, NodeContext context) {
        return List.of(backward(outputMultipliers, single(inputs), output, context));
    }

    private PairActivations single(List<PairActivations> inputs) {
        if (inputs.size() != 1) {
            throw new IllegalStateException(this + " takes one input, got " + inputs.size());
        }
        return inputs.get(0);
    }
}
