package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code y = x − mean(x)} over the features of each row of {@code [N, F]}: the centring of layer normalization. Its
 * matrix {@code J = I − 11ᵀ/F} is symmetric, so it is its own transpose; {@code |J|·x = (1 − 2/F)·x + Σx/F} (the
 * diagonal {@code 1 − 1/F} and every other entry {@code 1/F}, for {@code F ≥ 2}).
 */
public final class CenteringOp implements LinearOp {
    private final boolean absolute;

    /** The centring map. */
    public CenteringOp() {
        this(false);
    }

    private CenteringOp(boolean absolute) {
        this.absolute = absolute;
    }

    @Override
    public INDArray apply(INDArray x) {
        return applyLinear(x);
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        INDArray mean = dx.mean(true, 1);
        if (!absolute) {
            return dx.sub(mean);
        }
        double f = dx.size(1);
        return dx.mul(1 - 2 / f).addi(mean);
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        return applyLinear(m);
    }

    @Override
    public LinearOp absolute() {
        return new CenteringOp(true);
    }

    @Override
    public String toString() {
        return absolute ? "|centre|" : "centre";
    }
}
