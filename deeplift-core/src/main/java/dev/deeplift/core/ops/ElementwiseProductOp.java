package dev.deeplift.core.ops;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code y = a ⊙ b}, where {@code b} may have size 1 along axes where {@code a} does not (it is then repeated along
 * them, as softmax's normaliser {@code 1/Σe} is over the keys); transposed, the multipliers of {@code b} are summed
 * over those axes.
 */
public final class ElementwiseProductOp implements BilinearOp {
    /** The shared instance. */
    public static final ElementwiseProductOp INSTANCE = new ElementwiseProductOp();

    private ElementwiseProductOp() {
    }

    @Override
    public INDArray apply(INDArray a, INDArray b) {
        return a.length() >= b.length() ? a.mul(b) : b.mul(a);
    }

    @Override
    public INDArray transposeFirst(INDArray m, INDArray b, INDArray aShape) {
        return m.mul(b);
    }

    @Override
    public INDArray transposeSecond(INDArray m, INDArray a, INDArray bShape) {
        INDArray full = m.mul(a);
        List<Integer> repeated = new ArrayList<>();
        for (int i = 1; i < bShape.rank(); i++) {
            if (bShape.size(i) == 1 && full.size(i) != 1) {
                repeated.add(i);
            }
        }
        return repeated.isEmpty() ? full : full.sum(true, repeated.stream().mapToInt(Integer::intValue).toArray());
    }

    @Override
    public String toString() {
        return "⊙";
    }
}
