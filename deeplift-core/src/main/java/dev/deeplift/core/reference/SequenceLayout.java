package dev.deeplift.core.reference;

/**
 * Where the alphabet (the one-hot channels: A, C, G, T for DNA) of a batch of one-hot sequences is.
 *
 * <pre>{@code
 * Reference shuffled = Reference.dinucleotideShuffled(20, 7L, SequenceLayout.CHANNELS_FIRST);  // [N, 4, L]
 * }</pre>
 */
public enum SequenceLayout {
    /** {@code [N, L, K]}: one row of K channels per position (the common genomics layout, DL4J's NWC). */
    CHANNELS_LAST,
    /** {@code [N, K, L]}: DL4J's default layout for 1D convolutions and recurrent layers (NCW). */
    CHANNELS_FIRST;

    /** The axis of the alphabet in a rank-3 batch of this layout. */
    public int channelAxis() {
        return this == CHANNELS_LAST ? 2 : 1;
    }

    /** The axis of the positions in a rank-3 batch of this layout. */
    public int lengthAxis() {
        return this == CHANNELS_LAST ? 1 : 2;
    }
}
