package dev.deeplift.core.genomics;

/**
 * The DNA alphabet, defined once: the channel order of every one-hot DNA array in the library (encoding, shuffled
 * references, hypothetical contributions, sequence logos, the command line).
 */
public final class Dna {
    /** The bases in channel order: channel {@code c} of a one-hot array is base {@code ALPHABET.charAt(c)}. */
    public static final String ALPHABET = "ACGT";

    /** The number of bases, the size of the channel axis of one-hot DNA. */
    public static final int BASES = ALPHABET.length();

    private Dna() {
    }

    /** The channel of a base (any case), or -1 for anything else (N, gaps). */
    public static int index(char base) {
        return ALPHABET.indexOf(Character.toUpperCase(base));
    }

    /** The base of a channel. */
    public static char base(int channel) {
        return ALPHABET.charAt(channel);
    }
}
