package dev.deeplift.core.kernels;

import dev.deeplift.core.rules.Ratios;

/**
 * The tiny-divisor decision of {@link dev.deeplift.core.rules.Ratios#safeRatio}, reproduced exactly: per example
 * {@code i} the threshold {@code ε·(inputScale[i] + referenceScale[i])} in double; whether the masked path runs at
 * all by comparing each example's smallest {@code |divisor|} (a float, widened) with it in double; which elements
 * are tiny by comparing {@code |divisor| − threshold} with 0 in float, the threshold rounded to float as ND4J's
 * {@code create} rounds it.
 */
final class TinyDivisors {
    final double[] threshold;
    final float[] floatThreshold;
    /** The shift of a tiny divisor, {@code 1 + 2·threshold} rounded to float as ND4J's {@code create} rounds it. */
    final float[] shift;
    /** True if some example has a tiny divisor: then, as in {@code safeRatio}, every example takes the masked path. */
    final boolean masked;

    /**
     * @param inputScale     per example
     * @param referenceScale per example, or one value for a shared reference
     * @param smallest       the smallest {@code |divisor|} per example
     */
    TinyDivisors(double[] inputScale, double[] referenceScale, float[] smallest, double epsilon) {
        int n = smallest.length;
        threshold = new double[n];
        floatThreshold = new float[n];
        shift = new float[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            double scale = inputScale[inputScale.length == 1 ? 0 : i]
                    + referenceScale[referenceScale.length == 1 ? 0 : i];
            threshold[i] = epsilon * scale;
            floatThreshold[i] = (float) threshold[i];
            any |= smallest[i] <= threshold[i];
        }
        double[] shifts = Ratios.shifts(threshold);
        for (int i = 0; i < n; i++) {
            shift[i] = (float) shifts[i];
        }
        masked = any;
    }

    /** {@code d} plus the shift where it is tiny ({@code t} = 1), as {@code safeRatio} divides by it. */
    float shifted(float d, float t, int i) {
        return d + t * shift[i];
    }

    /** 1 where {@code |d|} is tiny in example {@code i}, else 0, as the mask of {@code safeRatio}. */
    float tiny(float d, int i) {
        return 1f - Branchless.positive(Math.abs(d) - floatThreshold[i]);
    }
}
