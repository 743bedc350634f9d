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
     * @param scale the magnitude of the values whose difference {@code den} is, e.g. {@code |z| + |z_ref|}
     */
    public static INDArray safeRatio(INDArray num, INDArray den, INDArray scale, double epsilon,
                                     Supplier<INDArray> fallback) {
        INDArray tiny = Transforms.abs(den, true).subi(scale.mul(epsilon)).lte(0.0);
        if (!tiny.any()) {
            return num.div(den);
        }
        INDArray mask = tiny.castTo(den.dataType());
        // Adding the mask keeps the masked divisions finite; their results are replaced below.
        INDArray ratio = num.div(den.add(mask)).muli(mask.rsub(1.0));
        return ratio.addi(fallback.get().muli(mask));
    }

    /** {@code |a| + |b|}, the magnitude against which the difference of {@code a} and {@code b} is judged. */
    public static INDArray magnitude(INDArray a, INDArray b) {
        return Transforms.abs(a, true).addi(Transforms.abs(b, true));
    }
}
