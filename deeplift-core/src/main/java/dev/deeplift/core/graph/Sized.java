package dev.deeplift.core.graph;

/**
 * Something a node keeps between its forward and backward steps ({@link PairActivations#state()}) that knows its
 * size, so that the engine's automatic chunk size accounts for it.
 */
public interface Sized {
    /** The bytes it holds for the examples of its pass. */
    long bytes();
}
