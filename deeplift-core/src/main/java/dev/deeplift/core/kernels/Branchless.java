package dev.deeplift.core.kernels;

/**
 * Comparisons written as integer arithmetic on a float's bits, for the kernels' hot loops: the outcomes of
 * {@code v > 0} over activations are close to random, and a branch per element (which the JIT compiler emits for a
 * float ternary) mispredicts half the time and keeps the loop from vectorizing. Valid for non-NaN values.
 */
final class Branchless {
    private Branchless() {
    }

    /** {@code v > 0 ? 1 : 0} (so 0 for ±0): the bits of a positive float are a positive int, of −0 the least int. */
    static float positive(float v) {
        return Math.max(0, Math.min(1, Float.floatToRawIntBits(v)));
    }

    /** A zero with the sign of {@code v}: what {@code +0/v} gives for a non-zero {@code v}. */
    static float signedZero(float v) {
        return Float.intBitsToFloat(Float.floatToRawIntBits(v) & 0x80000000);
    }

    /**
     * An int that orders as the float does, with −0 and +0 equal (as {@code <} and {@code >} treat them): the bits
     * of {@code v + 0} (which turns −0 into +0), with the magnitude bits of negatives flipped.
     */
    static int orderKey(float v) {
        int bits = Float.floatToRawIntBits(v + 0f);
        return bits ^ ((bits >> 31) & 0x7fffffff);
    }

    /** {@code a > b ? 1 : 0} for ints, from the sign of their difference in 64 bits. */
    static int greater(int a, int b) {
        return (int) (((long) b - a) >>> 63);
    }
}
