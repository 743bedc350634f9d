package dev.deeplift.core.rules;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Division with a fallback where the divisor is tiny. */
public final class Ratios {
    private Ratios() {
    }

    /**
     * {@code num / den}, with {@code fallback} where {@code |den| < epsilon}. The fallback is only computed when some
     * divisor is tiny.
     */
    public static INDArray safeRatio(INDArray num, INDArray den, double epsilon, Supplier<INDArray> fallback) {
        INDArray tiny = Transforms.abs(den, true).lt(epsilon);
        if (!tiny.any()) {
            return num.div(den);
        }
        INDArray mask = tiny.castTo(den.dataType());
        // Adding the mask keeps the masked divisions finite; their results are replaced below.
        INDArray ratio = num.div(den.add(mask)).muli(mask.rsub(1.0));
        return ratio.addi(fallback.get().muli(mask));
    }
}
