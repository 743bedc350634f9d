package dev.deeplift.core.rules;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Division with a fallback where the divisor is tiny, decided per example: whether an example's ratio is a
 * quotient or a fallback depends on that example (and its reference) alone, never on the other examples of its
 * batch.
 */
public final class Ratios {
    private Ratios() {
    }

    /**
     * {@code num / den}, with {@code fallback} where the divisor is tiny relative to the values it is a difference
     * of: {@code |den| ≤ epsilon·scale[i]} in example {@code i} (so also where it is 0). Relative, so that results do
     * not change when a network's inputs are scaled by 1e±20. The fallback is only computed when some divisor is
     * tiny.
     *
     * @param num   {@code [N, ...]}
     * @param den   {@code [N, ...]}
     * @param scale one value per example, or one for all: the magnitude of the values whose difference {@code den}
     *              is in each example, e.g. from {@link #rowMagnitudes}
     */
    public static INDArray safeRatio(INDArray num, INDArray den, double[] scale, double epsilon,
                                     Supplier<INDArray> fallback) {
        int n = Math.toIntExact(den.size(0));
        double[] threshold = new double[n];
        for (int i = 0; i < n; i++) {
            threshold[i] = epsilon * scale[scale.length == 1 ? 0 : i];
        }
        // One reduction (min |den| per example) decides whether any divisor is tiny; the masked path runs only then.
        double[] smallest = den.reshape(n, -1).amin(1).toDoubleVector();
        boolean anyTiny = false;
        for (int i = 0; i < n && !anyTiny; i++) {
            anyTiny = smallest[i] <= threshold[i];
        }
        if (!anyTiny) {
            return num.div(den);
        }
        // A 0/1 mask of the tiny divisors keeps their quotients finite and then swaps in the fallback: a few cheap
        // passes, where a NaN marker with ND4J's conditional replace measured twice as slow. A tiny divisor is moved
        // by 1 + 2·threshold (not 1: a divisor of exactly −1 is tiny where the threshold reaches 1, and −1 + 1 = 0),
        // so that |den| ≤ threshold keeps the shifted divisor at least 1.
        INDArray limit = Nd4j.create(threshold, new long[] {n, 1}, den.dataType());
        INDArray tiny = Transforms.abs(den, true).reshape(n, -1).subiColumnVector(limit).lte(0.0)
                .castTo(den.dataType());
        INDArray shift = Nd4j.create(shifts(threshold), new long[] {n, 1}, den.dataType());
        INDArray ratio = num.div(den.add(tiny.mulColumnVector(shift).reshape(den.shape())));
        tiny = tiny.reshape(den.shape());
        return ratio.addi(fallback.get().subi(ratio).muli(tiny));
    }

    /** The shift of a tiny divisor per example: {@code 1 + 2·threshold}, which no tiny divisor can cancel. */
    public static double[] shifts(double[] threshold) {
        double[] shift = new double[threshold.length];
        for (int i = 0; i < shift.length; i++) {
            shift[i] = 1 + 2 * threshold[i];
        }
        return shift;
    }

    /**
     * {@code max|a_i|} over each example {@code i} of {@code [N, ...]}: one value for a shared {@code [1, ...]} row.
     * One reduction per array keeps the test cheap (elementwise scales cost several passes).
     */
    public static double[] rowMagnitudes(INDArray a) {
        return a.reshape(a.size(0), -1).amax(1).toDoubleVector();
    }

    /** The elementwise sum of per-example magnitudes, either of which may be one value for all. */
    public static double[] sum(double[] a, double[] b) {
        double[] out = new double[Math.max(a.length, b.length)];
        for (int i = 0; i < out.length; i++) {
            out[i] = a[a.length == 1 ? 0 : i] + b[b.length == 1 ? 0 : i];
        }
        return out;
    }
}
