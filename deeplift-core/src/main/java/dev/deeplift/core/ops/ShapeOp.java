package dev.deeplift.core.ops;

import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A linear map that only moves, copies or sums values with unit weights (reshape, permute, pad, crop, upsample,
 * space-to-depth, sum-pooling): no bias, no negative weights, so a sign split passes through it.
 */
public final class ShapeOp implements LinearOp {
    private final String name;
    private final UnaryOperator<INDArray> forward;
    private final BiFunction<INDArray, INDArray, INDArray> backward;

    /**
     * @param name     for messages
     * @param forward  the map, returning a new array or a view
     * @param backward its transpose, given output multipliers and an input (for its shape)
     */
    public ShapeOp(String name, UnaryOperator<INDArray> forward, BiFunction<INDArray, INDArray, INDArray> backward) {
        this.name = name;
        this.forward = forward;
        this.backward = backward;
    }

    @Override
    public INDArray apply(INDArray x) {
        return forward.apply(x);
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return forward.apply(dx);
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        return backward.apply(m, input);
    }

    @Override
    public LinearOp absolute() {
        return this;
    }

    @Override
    public String toString() {
        return name;
    }
}
