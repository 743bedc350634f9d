package dev.deeplift.core.graph;

import dev.deeplift.core.rules.Ratios;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A node's activations at the input and at the reference, with their difference.
 *
 * <p>The reference is either the input's shape {@code [N, ...]} or, when one reference is shared by every example,
 * {@code [1, ...]}: it is then never copied N times, and {@link #delta()} broadcasts.
 *
 * <p>For RevealCancel a node may carry an explicit split {@code delta = deltaPlus + deltaMinus} (the sums of the
 * positive and of the negative terms that built it). Without one, the split is by the sign of {@code delta} itself.
 *
 * <p>The activations of a token input ({@link #tokens}) hold token indices; their delta is the indicator
 * {@code x ≠ x_ref} (see {@link InputNode}).
 */
public final class PairActivations {
    private final INDArray input;
    private final INDArray reference;
    private INDArray delta;
    private INDArray deltaPlus;
    private INDArray deltaMinus;
    private final boolean explicitSplit;
    private boolean tokens;
    /** Per-example magnitudes, kept as Java arrays so that a cached value never outlives its workspace. */
    private double[] inputScale;
    private double[] referenceScale;
    /** What the node that made these activations keeps for its backward step (e.g. a recurrent layer's gates). */
    private Object state;

    private PairActivations(INDArray input, INDArray reference, INDArray plus, INDArray minus) {
        this.input = input;
        this.reference = reference;
        this.deltaPlus = plus;
        this.deltaMinus = minus;
        this.explicitSplit = plus != null;
    }

    /** Activations whose split, if asked for, is by the sign of their own delta. */
    public static PairActivations of(INDArray input, INDArray reference) {
        return new PairActivations(input, reference, null, null);
    }

    /**
     * The input side of an earlier pair (same arrays, and its {@link #inputScale()} once computed) against another
     * reference: for explaining one input against several references.
     */
    public static PairActivations sharingInput(PairActivations earlier, INDArray reference) {
        PairActivations p = new PairActivations(earlier.input, reference, null, null);
        p.inputScale = earlier.inputScale;
        p.tokens = earlier.tokens;
        return p;
    }

    /**
     * Token indices at the input and at the reference, whose delta is the indicator {@code x ≠ x_ref} as 0 or 1 (all
     * ones against reference vectors in embedding space, {@link TokenSpec#isEncodedVectors}, which differ from every
     * token's row).
     */
    public static PairActivations tokens(INDArray input, INDArray reference) {
        PairActivations p = new PairActivations(input, reference, null, null);
        p.tokens = true;
        return p;
    }

    /** True for the activations of a token input. */
    public boolean isTokens() {
        return tokens;
    }

    /**
     * Activations whose split is by their own sign, carrying what the node that made them needs for its backward
     * step (a recurrent layer keeps its gates and cell states there rather than in graph nodes). The state is never
     * copied: activations made from these ({@link #sharingInput}) carry none, and the node must then recompute it.
     */
    public static PairActivations withState(INDArray input, INDArray reference, Object state) {
        PairActivations p = new PairActivations(input, reference, null, null);
        p.state = state;
        return p;
    }

    /** The state the making node attached ({@link #withState}), or null. */
    public Object state() {
        return state;
    }

    /** Activations with an explicit positive/negative split of their delta. */
    public static PairActivations withSplit(INDArray input, INDArray reference, INDArray plus, INDArray minus) {
        return new PairActivations(input, reference, plus, minus);
    }

    /** {@code [N, ...]} activations at the input. */
    public INDArray input() {
        return input;
    }

    /** {@code [N, ...]} or {@code [1, ...]} activations at the reference. */
    public INDArray reference() {
        return reference;
    }

    /** True if one reference row is shared by every example. */
    public boolean sharedReference() {
        return reference.size(0) == 1 && input.size(0) != 1;
    }

    /**
     * {@code max|input_i|} per example {@code i}, computed once per input side (pairs made by {@link #sharingInput}
     * share it): what the tiny-divisor test of the nonlinear rules compares differences with.
     */
    public double[] inputScale() {
        if (inputScale == null) {
            inputScale = Ratios.rowMagnitudes(input);
        }
        return inputScale;
    }

    /** {@link #inputScale()} if already known, else null: asks without running a reduction. */
    public double[] knownInputScale() {
        return inputScale;
    }

    /** {@link #referenceScale()} if already known, else null. */
    public double[] knownReferenceScale() {
        return referenceScale;
    }

    /**
     * Keeps magnitudes that a kernel took in a sweep it made anyway ({@code max|input_i|} per example,
     * {@code max|reference_i|} per example or one for a shared reference; null for one not taken), so that no
     * reduction runs for them later. Ignored for a scale already known.
     */
    public void rememberScales(double[] input, double[] reference) {
        if (inputScale == null && input != null) {
            inputScale = input;
        }
        if (referenceScale == null && reference != null) {
            referenceScale = reference;
        }
    }

    /** {@code max|reference_i|} per example, or one value for a shared {@code [1, ...]} reference; computed once. */
    public double[] referenceScale() {
        if (referenceScale == null) {
            referenceScale = Ratios.rowMagnitudes(reference);
        }
        return referenceScale;
    }

    /** {@code input − reference}, {@code [N, ...]} (for token inputs the indicator {@code input ≠ reference}). */
    public INDArray delta() {
        if (delta == null && tokens) {
            delta = reference.rank() != input.rank() ? Nd4j.ones(input.dataType(), input.shape())
                    : input.sub(reference).neq(0.0).castTo(input.dataType());
        }
        if (delta == null) {
            // ND4J broadcasts a [1, ...] reference in the subtraction itself: no N-fold copy.
            delta = input.sub(reference);
        }
        return delta;
    }

    /** The reference repeated to the input's shape, for ops that cannot broadcast (a copy when shared). */
    public INDArray broadcastReference() {
        // A broadcasting add into zeros is one pass; repeat() is five times slower.
        return sharedReference() ? Nd4j.zeros(reference.dataType(), input.shape()).addi(reference) : reference;
    }

    /** True if this node carries an explicit split rather than one by the sign of its delta. */
    public boolean hasExplicitSplit() {
        return explicitSplit;
    }

    /** The positive part of the delta. */
    public INDArray deltaPlus() {
        if (deltaPlus == null) {
            deltaPlus = Transforms.relu(delta(), true);
        }
        return deltaPlus;
    }

    /** The negative part of the delta. */
    public INDArray deltaMinus() {
        if (deltaMinus == null) {
            deltaMinus = Transforms.min(delta(), 0.0, true);
        }
        return deltaMinus;
    }

    /** The batch size N. */
    public long batchSize() {
        return input.size(0);
    }

    /** The midpoint {@code (input + reference) / 2}, {@code [N, ...]}. */
    public INDArray midpoint() {
        return input.add(reference).muli(0.5);
    }
}
