package dev.deeplift.core.engine;

import dev.deeplift.core.graph.PairActivations;

/** The activations of every node of a graph at the input and at the reference, from one forward pass. */
public final class ForwardPass {
    private final PairActivations[] activations;

    ForwardPass(PairActivations[] activations) {
        this.activations = activations;
    }

    /** The activations of node {@code index}. */
    public PairActivations activations(int index) {
        return activations[index];
    }

    /** Number of nodes. */
    public int size() {
        return activations.length;
    }
}
