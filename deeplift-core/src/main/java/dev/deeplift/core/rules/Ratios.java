package dev.deeplift.core.rules;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
        // A 0/1 mask of the tiny divisors keeps their quotients finite (den + 1) and then swaps in the fallback:
        // eight cheap passes, where a NaN marker with ND4J's conditional replace measured twice as slow.
        INDArray tiny = Transforms.abs(den, true).lte(threshold).castTo(den.dataType());
        INDArray ratio = num.div(den.add(tiny));
        return ratio.addi(fallback.get().subi(ratio).muli(tiny));
    }

    /**
     * {@code max|a| + max|b|}, the magnitude against which the differences of {@code a} and {@code b} are judged: one
     * number per array keeps the test to two cheap reductions (elementwise scales cost several passes).
     */
    public static double magnitude(INDArray a, INDArray b) {
        return a.amaxNumber().doubleValue() + b.amaxNumber().doubleValue();
    }
}
