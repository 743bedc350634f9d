package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A batched matrix product over the last two axes, {@code y = op(a)·op(b) / divisor} with {@code op} an optional
 * transpose, through libnd4j's {@code matmul} (the leading axes, e.g. {@code [N, heads]}, must agree). Attention's
 * scores {@code KᵀQ/√d} and weighted sums {@code V·A} are of this form: sums over the contraction index of
 * two-factor products.
 */
public final class BatchedMatmulOp implements BilinearOp {
    private final boolean transposeA;
    private final boolean transposeB;
    private final double divisor;

    /**
     * @param transposeA use {@code aᵀ} (the last two axes swapped)
     * @param transposeB use {@code bᵀ}
     * @param divisor    a positive number the product is divided by (1 for none)
     */
    public BatchedMatmulOp(boolean transposeA, boolean transposeB, double divisor) {
        if (!(divisor > 0)) {
            throw new IllegalArgumentException("The divisor must be positive, got " + divisor);
        }
        this.transposeA = transposeA;
        this.transposeB = transposeB;
        this.divisor = divisor;
    }

    @Override
    public INDArray apply(INDArray a, INDArray b) {
        return scaled(matmul(a, b, transposeA, transposeB));
    }

    @Override
    public INDArray transposeFirst(INDArray m, INDArray b, INDArray aShape) {
        // d⟨m, op(a)·op(b)⟩ = ⟨m·op(b)ᵀ, d op(a)⟩; for op(a) = aᵀ that is (m·op(b)ᵀ)ᵀ = op(b)·mᵀ.
        return scaled(transposeA ? matmul(b, m, transposeB, true) : matmul(m, b, false, !transposeB));
    }

    @Override
    public INDArray transposeSecond(INDArray m, INDArray a, INDArray bShape) {
        // d⟨m, op(a)·op(b)⟩ = ⟨op(a)ᵀ·m, d op(b)⟩; for op(b) = bᵀ that is mᵀ·op(a).
        return scaled(transposeB ? matmul(m, a, true, transposeA) : matmul(a, m, !transposeA, false));
    }

    private INDArray scaled(INDArray y) {
        return divisor == 1.0 ? y : y.divi(divisor);
    }

    private static INDArray matmul(INDArray a, INDArray b, boolean ta, boolean tb) {
        return CustomOps.exec("matmul", new INDArray[] {a, b}, ta ? 1 : 0, tb ? 1 : 0)[0];
    }

    @Override
    public String toString() {
        return "matmul(" + (transposeA ? "aᵀ" : "a") + "·" + (transposeB ? "bᵀ" : "b")
                + (divisor == 1.0 ? "" : " / " + divisor) + ")";
    }
}
