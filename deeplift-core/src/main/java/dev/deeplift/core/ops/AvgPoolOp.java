package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * 2D average pooling with libnd4j's {@code avgpool2d}: a linear map with non-negative weights, so a sign split
 * passes through it unchanged.
 */
public final class AvgPoolOp implements LinearOp {
    private final Window2D window;
    private final long divisorMode;

    /**
     * @param window      the pooling window
     * @param divisorMode libnd4j's mode: 0 divides by the window size, 1 by the number of non-padding positions
     */
    public AvgPoolOp(Window2D window, long divisorMode) {
        this.window = window;
        this.divisorMode = divisorMode;
    }

    @Override
    public INDArray apply(INDArray x) {
        return exec("avgpool2d", x);
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return apply(dx);
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        return exec("avgpool2d_bp", input, m);
    }

    @Override
    public LinearOp absolute() {
        return this;
    }

    private INDArray exec(String op, INDArray... inputs) {
        return CustomOps.first(op, window.dilated(), inputs, window.poolArgs(divisorMode));
    }

    @Override
    public String toString() {
        return "avgpool[" + window + "]";
    }
}
