package dev.deeplift.core.graph;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * What a token input holds, and the embedding space of the layer that reads it: token indices (DL4J's convention:
 * floating-point values holding whole numbers in {@code [0, vocabulary)}), one per example ({@code [N, 1]}, an
 * {@code EmbeddingLayer}) or one per step ({@code [N, T]} or {@code [N, 1, T]}, an {@code EmbeddingSequenceLayer}).
 *
 * <p>A reference for a token input is either reference tokens (the input's shape, or a leading dimension of 1) or,
 * where no reference token is natural, reference vectors in the embedding space: the values that replace the
 * looked-up rows {@code W[token]} (before the layer's bias and activation). At the graph level such vectors travel
 * where the reference tokens would, with one extra unit axis after the batch axis ({@link #encodedVectors}), so the
 * two forms can never be confused whatever the sizes.
 *
 * @param vocabulary   the number of tokens: indices lie in {@code [0, vocabulary)}
 * @param sequence     true for a sequence of tokens per example, false for one token per example
 * @param length       the number of steps every sequence must have, or -1 for any
 * @param width        the embedding size D of the layer reading the input, or -1 where several layers of different
 *                     sizes or layouts read it (then only reference tokens are possible)
 * @param channelsLast true if the embedding vectors of a sequence are laid out {@code [N, T, D]} rather than
 *                     {@code [N, D, T]}
 */
public record TokenSpec(long vocabulary, boolean sequence, long length, long width, boolean channelsLast) {

    /** Checks the parts. */
    public TokenSpec {
        if (vocabulary < 1) {
            throw new IllegalArgumentException("A token input needs a vocabulary of at least one token, got "
                    + vocabulary);
        }
    }

    /** One token per example, {@code [N, 1]}, looked up in a {@code [vocabulary, width]} matrix. */
    public static TokenSpec single(long vocabulary, long width) {
        return new TokenSpec(vocabulary, false, -1, width, false);
    }

    /** A sequence of tokens per example, {@code [N, T]} or {@code [N, 1, T]}. */
    public static TokenSpec sequence(long vocabulary, long length, long width, boolean channelsLast) {
        return new TokenSpec(vocabulary, true, length, width, channelsLast);
    }

    /**
     * The spec of an input read by two embedding layers: the smaller vocabulary (an index must suit both), and no
     * embedding space unless both layers share it.
     *
     * @throws IllegalArgumentException if one reads sequences and the other single tokens
     */
    public TokenSpec merge(TokenSpec other) {
        if (sequence != other.sequence) {
            throw new IllegalArgumentException("the token input is read both as one token per example and as a "
                    + "sequence of tokens");
        }
        long len = length < 0 ? other.length : other.length < 0 || other.length == length ? length : -2;
        if (len == -2) {
            throw new IllegalArgumentException("the token input is read by embedding layers that need sequences of "
                    + length + " and of " + other.length + " tokens");
        }
        boolean sameSpace = width == other.width && channelsLast == other.channelsLast;
        return new TokenSpec(Math.min(vocabulary, other.vocabulary), sequence, len, sameSpace ? width : -1,
                channelsLast);
    }

    /** True if an {@code [N, ...]} array of tokens has a shape this input takes. */
    public boolean accepts(long[] shape) {
        if (!sequence) {
            return shape.length == 2 && shape[1] == 1;
        }
        boolean form = shape.length == 2 || (shape.length == 3 && shape[1] == 1);
        return form && (length < 0 || shape[shape.length - 1] == length);
    }

    /** The shapes taken, as text. */
    public String describeShape() {
        if (!sequence) {
            return "[N, 1] token indices";
        }
        String t = length < 0 ? "T" : Long.toString(length);
        return "[N, " + t + "] or [N, 1, " + t + "] token indices";
    }

    /** The number of steps of a batch of tokens this input takes (1 for one token per example). */
    public long steps(INDArray tokens) {
        return sequence ? tokens.size(tokens.rank() - 1) : 1;
    }

    /**
     * The shape of {@code rows} reference vectors for tokens with {@code steps} steps, in the embedding layer's own
     * output layout: {@code [rows, D]}, {@code [rows, D, T]} or {@code [rows, T, D]}.
     *
     * @throws IllegalStateException if several layers of different embedding spaces read this input
     */
    public long[] vectorShape(long rows, long steps) {
        if (width < 0) {
            throw new IllegalStateException("several embedding layers of different sizes read this input");
        }
        if (!sequence) {
            return new long[] {rows, width};
        }
        return channelsLast ? new long[] {rows, steps, width} : new long[] {rows, width, steps};
    }

    /** True if a reference array for this input holds vectors (the encoded form) rather than tokens. */
    public boolean isEncodedVectors(INDArray reference) {
        return reference.rank() == (sequence ? 4 : 3);
    }

    /** Reference vectors {@code [R, ...]} ({@link #vectorShape}) in the graph-level form {@code [R, 1, ...]}. */
    public static INDArray encodedVectors(INDArray vectors) {
        long[] s = vectors.shape();
        long[] e = new long[s.length + 1];
        e[0] = s[0];
        e[1] = 1;
        System.arraycopy(s, 1, e, 2, s.length - 1);
        return vectors.reshape(e);
    }

    /** The vectors {@code [R, ...]} of the graph-level form {@code [R, 1, ...]}. */
    public static INDArray decodedVectors(INDArray encoded) {
        long[] e = encoded.shape();
        long[] s = new long[e.length - 1];
        s[0] = e[0];
        System.arraycopy(e, 2, s, 1, e.length - 2);
        return encoded.reshape(s);
    }

    @Override
    public String toString() {
        String form = sequence ? "sequences" + (length < 0 ? "" : " of " + length) : "one token per example";
        String space = width < 0 ? "" : ", embedding width " + width + (sequence ? (channelsLast ? " [N, T, D]"
                : " [N, D, T]") : "");
        return "tokens(" + form + ", vocabulary " + vocabulary + space + ")";
    }
}
