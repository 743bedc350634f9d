package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/** {@code y = scale·x + shift} with scalar scale and shift (DL4J's scale and shift vertices). */
public final class ScaleShiftOp implements LinearOp {
    private final double scale;
    private final double shift;

    /** @param scale the factor; @param shift the offset */
    public ScaleShiftOp(double scale, double shift) {
        this.scale = scale;
        this.shift = shift;
    }

    @Override
    public INDArray apply(INDArray x) {
        return x.mul(scale).addi(shift);
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return dx.mul(scale);
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        return m.mul(scale);
    }

    @Override
    public LinearOp absolute() {
        return new ScaleShiftOp(Math.abs(scale), 0);
    }

    @Override
    public String toString() {
        return "scaleShift(" + scale + ", " + shift + ")";
    }
}
