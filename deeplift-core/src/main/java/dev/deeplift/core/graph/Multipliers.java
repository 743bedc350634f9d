package dev.deeplift.core.graph;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Multipliers on a node's output: {@code plus} applies to the positive part of its delta and {@code minus} to the
 * negative part. Under Rescale and Gradient both are the same array ({@link #isSymmetric()}), and every node takes
 * the single cheap path.
 */
public final class Multipliers {
    private final INDArray plus;
    private final INDArray minus;

    private Multipliers(INDArray plus, INDArray minus) {
        this.plus = plus;
        this.minus = minus;
    }

    /** One multiplier for both parts. */
    public static Multipliers symmetric(INDArray m) {
        return new Multipliers(m, m);
    }

    /** Separate multipliers for the positive and negative parts. */
    public static Multipliers of(INDArray plus, INDArray minus) {
        return plus == minus ? symmetric(plus) : new Multipliers(plus, minus);
    }

    /** The multiplier of the positive part. */
    public INDArray plus() {
        return plus;
    }

    /** The multiplier of the negative part. */
    public INDArray minus() {
        return minus;
    }

    /** True if both parts share one multiplier array. */
    public boolean isSymmetric() {
        return plus == minus;
    }

    /**
     * One multiplier per element, chosen by the sign of {@code delta}: {@code plus} where it is positive,
     * {@code minus} where negative, and their mean where it is zero (where the score is zero whatever the
     * multiplier).
     */
    public INDArray collapse(INDArray delta) {
        if (isSymmetric()) {
            return plus;
        }
        INDArray pos = delta.gt(0.0).castTo(delta.dataType());
        INDArray neg = delta.lt(0.0).castTo(delta.dataType());
        INDArray zero = pos.add(neg).rsubi(1.0);
        INDArray mean = plus.add(minus).muli(0.5);
        return plus.mul(pos).addi(minus.mul(neg)).addi(mean.muli(zero));
    }

    /**
     * {@link #collapse} by the sign of the activations' delta, which is computed only if the parts differ (symmetric
     * multipliers are their own collapse).
     */
    public INDArray collapseOn(PairActivations activations) {
        return isSymmetric() ? plus : collapse(activations.delta());
    }

    /** The element-wise sum (chain rule over fan-out). */
    public Multipliers add(Multipliers other) {
        if (isSymmetric() && other.isSymmetric()) {
            return symmetric(plus.add(other.plus));
        }
        return of(plus.add(other.plus), minus.add(other.minus));
    }
}
