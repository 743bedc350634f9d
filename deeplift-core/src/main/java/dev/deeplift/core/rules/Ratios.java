package dev.deeplift.core.rules;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/** Division with a fallback where the divisor is tiny. */
public final class Ratios {
    private Ratios() {
    }

    /**
     * {@code num / den}, with {@code fallback} where the divisor is tiny relative to the values it is a difference
     * of: {@code |den| ≤ epsilon·scale} (so also where it is 0). Relative, so that results do not change when a
     * network's inputs are scaled by 1e±20. The fallback is only computed when some divisor is tiny.
     *
     * @param scale the magnitude of the values whose difference {@code den} is, e.g. {@link #magnitude}
     */
    public static INDArray safeRatio(INDArray num, INDArray den, double scale, double epsilon,
                                     Supplier<INDArray> fallback) {
        double threshold = epsilon * scale;
        // One reduction (min |den|) decides whether any divisor is tiny; the masked path runs only then.
        if (den.aminNumber().doubleValue() > threshold) {
            return num.div(den);
        }
        // Tiny divisors become NaN, so their quotients are NaN and are replaced by the fallback in one pass:
        // four passes where a 0/1 mask costs nine. The quotient is NaN nowhere else (num and den are finite).
        INDArray guarded = den.dup();
        Nd4j.getExecutioner().exec(new CompareAndSet(guarded, Double.NaN, Conditions.absLessThanOrEqual(threshold)));
        INDArray ratio = num.div(guarded);
        BooleanIndexing.replaceWhere(ratio, fallback.get(), Conditions.isNan());
        return ratio;
    }

    /**
     * {@code max|a| + max|b|}, the magnitude against which the differences of {@code a} and {@code b} are judged: one
     * number per array keeps the test to two cheap reductions (elementwise scales cost several passes).
     */
    public static double magnitude(INDArray a, INDArray b) {
        return a.amaxNumber().doubleValue() + b.amaxNumber().doubleValue();
    }
}
