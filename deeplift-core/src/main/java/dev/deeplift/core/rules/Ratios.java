package dev.deeplift.core.rules;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
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
        // One fused pass decides whether any divisor is tiny; the mask is built only then.
        if (!BooleanIndexing.or(den, Conditions.absLessThanOrEqual(threshold))) {
            return num.div(den);
        }
        INDArray mask = Transforms.abs(den, true).lte(threshold).castTo(den.dataType());
        // Adding the mask keeps the masked divisions finite; their results are replaced below.
        INDArray ratio = num.div(den.add(mask)).muli(mask.rsub(1.0));
        return ratio.addi(fallback.get().muli(mask));
    }

    /**
     * {@code max|a| + max|b|}, the magnitude against which the differences of {@code a} and {@code b} are judged: one
     * number per array keeps the test to two cheap reductions (elementwise scales cost several passes).
     */
    public static double magnitude(INDArray a, INDArray b) {
        return a.amaxNumber().doubleValue() + b.amaxNumber().doubleValue();
    }
}
