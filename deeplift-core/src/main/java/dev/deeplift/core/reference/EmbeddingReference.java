package dev.deeplift.core.reference;

import dev.deeplift.core.engine.Validator;
import dev.deeplift.core.graph.TokenSpec;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A reference for token inputs given in the embedding space instead of as reference tokens, for where no token is
 * a natural reference: the vectors replace the looked-up rows {@code W[token]} of the embedding layer reading the
 * tokens, before its bias and activation (so {@link #zeros()} is the all-zero one-hot reference, "no token").
 * Token scores still sum to the target's delta, which is then {@code f(x) − f(vectors)}.
 *
 * <pre>{@code
 * Attribution a = DeepLift.of(net).explain(tokens, EmbeddingReference.zeros(), target);
 * Attribution b = DeepLift.of(net).explain(tokens, EmbeddingReference.vectors(meanRows), target);  // [1, D, T]
 * }</pre>
 *
 * <p>Immutable; given arrays are copied.
 */
public final class EmbeddingReference {
    private final INDArray vectors;

    private EmbeddingReference(INDArray vectors) {
        this.vectors = vectors;
    }

    /** All-zero vectors at every step of every example. */
    public static EmbeddingReference zeros() {
        return new EmbeddingReference(null);
    }

    /**
     * Given vectors in the embedding layer's output layout: {@code [N or 1, D]} for an {@code EmbeddingLayer};
     * {@code [N or 1, D, T]} for an {@code EmbeddingSequenceLayer} with NCW output (DL4J's default) or
     * {@code [N or 1, T, D]} with NWC output. A leading dimension of 1 is shared by every example.
     */
    public static EmbeddingReference vectors(INDArray vectors) {
        Validator.batch(vectors, "EmbeddingReference.vectors", "row");
        return new EmbeddingReference(vectors.dup());
    }

    /**
     * This reference for a batch of tokens, in the graph-level form a token input takes as its reference
     * ({@link TokenSpec#encodedVectors}); shapes are checked by the explainer.
     *
     * @param tokens the checked or unchecked token batch {@code [N, ...]}
     * @param spec   what the token input holds
     */
    public INDArray encode(INDArray tokens, TokenSpec spec, DataType dataType) {
        Objects.requireNonNull(tokens, "tokens");
        if (spec.width() < 0) {
            throw new IllegalArgumentException("Embedding layers of different sizes read this input: a reference "
                    + "in embedding space is ambiguous; give reference tokens");
        }
        long steps = tokens.rank() < 2 ? 1 : spec.steps(tokens);
        if (vectors == null) {
            return TokenSpec.encodedVectors(Nd4j.zeros(dataType, spec.vectorShape(1, steps)));
        }
        long[] expected = spec.vectorShape(tokens.size(0), steps);
        long[] got = vectors.shape();
        if (got.length != expected.length || (got[0] != 1 && got[0] != expected[0])
                || !Arrays.equals(Arrays.copyOfRange(got, 1, got.length),
                Arrays.copyOfRange(expected, 1, expected.length))) {
            throw new IllegalArgumentException("EmbeddingReference.vectors has shape " + Arrays.toString(got)
                    + " but the embedding layer's output for these tokens is " + Arrays.toString(expected)
                    + ": give that shape, or a leading dimension of 1 for one reference shared by every example");
        }
        return TokenSpec.encodedVectors(vectors);
    }

    @Override
    public String toString() {
        return vectors == null ? "embedding space: zeros"
                : "embedding space: vectors" + Arrays.toString(vectors.shape());
    }
}
