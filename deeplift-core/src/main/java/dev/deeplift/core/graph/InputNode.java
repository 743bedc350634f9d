package dev.deeplift.core.graph;

import dev.deeplift.core.LayerKind;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A graph input, with the shape its examples must have: {@code featureShape} excludes the batch dimension and
 * holds {@code -1} where any size is accepted.
 *
 * <p>A <em>mask input</em> ({@link #maskOf}) carries the {@code [N, T]} feature mask of a sequence input (1 for real
 * steps, 0 for padding) to the nodes that apply it. It is the same array at the input and the reference, so its
 * delta is zero and it gets no scores; nodes that read it send no multipliers back to it (null). A mask input may
 * refuse users' masks ({@link #refusingMasks}) where a layer the mask reaches has no exact masked rule.
 *
 * <p>A <em>token input</em> ({@link #tokens}) holds token indices for embedding layers ({@link TokenSpec}). Its
 * delta is not {@code x − x_ref} but the indicator {@code x ≠ x_ref} (1 where the token changes, 0 where it does
 * not), and the embedding node sends back as multiplier the token's score, so that scores ({@code m · Δ}) are token
 * scores and summation-to-delta holds exactly.
 */
public final class InputNode implements RuleNode {
    private final long[] featureShape;
    private final int maskedInput;
    private final int timeAxis;
    private final TokenSpec tokens;
    private final String maskRefusal;

    /** @param featureShape the shape of one example, {@code -1} for a free size, e.g. {@code {784}} or {@code {1, -1, -1}} */
    public InputNode(long... featureShape) {
        this(featureShape, -1, -1, null, null);
    }

    private InputNode(long[] featureShape, int maskedInput, int timeAxis, TokenSpec tokens, String maskRefusal) {
        this.featureShape = featureShape == null ? null : featureShape.clone();
        this.maskedInput = maskedInput;
        this.timeAxis = timeAxis;
        this.tokens = tokens;
        this.maskRefusal = maskRefusal;
    }

    /** An input of token indices for embedding layers. */
    public static InputNode tokens(TokenSpec spec) {
        return new InputNode(null, -1, -1, java.util.Objects.requireNonNull(spec, "spec"), null);
    }

    /** An input whose shape is not known from the configuration: any array of rank 2 or more. */
    public static InputNode any() {
        return new InputNode((long[]) null);
    }

    /**
     * The mask input of a sequence input.
     *
     * @param featureInput the position, among the graph's feature (non-mask) inputs, of the input it masks
     * @param timeAxis     that input's axis of time steps, counting the batch axis (2 for NCW, 1 for NWC), or -1 for
     *                     its last axis (token sequences, {@code [N, T]} or {@code [N, 1, T]})
     */
    public static InputNode maskOf(int featureInput, int timeAxis) {
        if (featureInput < 0 || (timeAxis < 1 && timeAxis != -1)) {
            throw new IllegalArgumentException("a mask needs an input position >= 0 and a time axis >= 1 (or -1 for "
                    + "the last), got " + featureInput + " and " + timeAxis);
        }
        return new InputNode(new long[] {-1}, featureInput, timeAxis, null, null);
    }

    /**
     * This mask input refusing users' masks with a message (null: accepting them again): a network converter marks
     * it so where the mask reaches a layer whose masked computation has no exact rule, so that an unmasked call still
     * works and a masked one fails before any work instead of giving a wrong answer.
     */
    public InputNode refusingMasks(String why) {
        if (!isMask()) {
            throw new IllegalStateException(this + " is not a mask input");
        }
        return new InputNode(featureShape, maskedInput, timeAxis, null, why);
    }

    /** Why a user's mask is refused, or null if it is taken. */
    public String maskRefusal() {
        return maskRefusal;
    }

    /** True for an input of token indices. */
    public boolean isTokens() {
        return tokens != null;
    }

    /** What a token input holds, or null for other inputs. */
    public TokenSpec tokenSpec() {
        return tokens;
    }

    /**
     * The activations of this input for a batch and its references: {@code x − x_ref} as delta, or for a token input
     * the indicator {@code x ≠ x_ref} ({@link PairActivations#tokens}).
     */
    public PairActivations pair(INDArray input, INDArray reference) {
        return isTokens() ? PairActivations.tokens(input, reference) : PairActivations.of(input, reference);
    }

    /** True for a mask input. */
    public boolean isMask() {
        return maskedInput >= 0;
    }

    /** The feature input this mask belongs to (its position among the feature inputs), or -1. */
    public int maskedInput() {
        return maskedInput;
    }

    /** The time axis of the masked input (-1: its last axis), or -1 for an input that is no mask. */
    public int timeAxis() {
        return timeAxis;
    }

    /** The shape of one example, {@code -1} where free, or null if unknown (or given by a {@link TokenSpec}). */
    public long[] featureShape() {
        return featureShape == null ? null : featureShape.clone();
    }

    /** True if an {@code [N, ...]} array has the rank and the fixed sizes this input expects. */
    public boolean accepts(long[] batchShape) {
        if (tokens != null) {
            return tokens.accepts(batchShape);
        }
        if (featureShape == null) {
            return batchShape.length >= 2;
        }
        if (batchShape.length != featureShape.length + 1) {
            return false;
        }
        for (int i = 0; i < featureShape.length; i++) {
            if (featureShape[i] >= 0 && featureShape[i] != batchShape[i + 1]) {
                return false;
            }
        }
        return true;
    }

    /** The expected shape as text, e.g. {@code [N, 784]}. */
    public String describeShape() {
        if (tokens != null) {
            return tokens.describeShape();
        }
        if (featureShape == null) {
            return "[N, ...]";
        }
        StringBuilder sb = new StringBuilder("[N");
        for (long d : featureShape) {
            sb.append(", ").append(d < 0 ? "*" : Long.toString(d));
        }
        return sb.append(']').toString();
    }

    @Override
    public LayerKind kind() {
        return LayerKind.INPUT;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        throw new IllegalStateException("Graph inputs are set, not computed");
    }

    @Override
    public List<Multipliers> backward(Multipliers outputMultipliers, List<PairActivations> inputs,
                                      PairActivations output, NodeContext context) {
        return List.of();
    }

    @Override
    public String toString() {
        return isMask() ? "Mask(of input " + maskedInput + ")" : tokens != null ? "Input " + tokens
                : "Input" + (featureShape == null ? "[...]" : Arrays.toString(featureShape));
    }
}
