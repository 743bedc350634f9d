package dev.deeplift.core.functions;

import org.nd4j.linalg.api.ndarray.INDArray;

/** A scalar function applied to every element, with its derivative: what the nonlinear rules need. */
public interface ElementwiseFunction {

    /** A short name for messages, e.g. {@code "relu"}. */
    String name();

    /** {@code f(z)} as a new array; {@code z} is left untouched. */
    INDArray apply(INDArray z);

    /** {@code f'(z)} as a new array; {@code z} is left untouched. At a kink the derivative of the left side is used. */
    INDArray derivative(INDArray z);

    /** True for the identity, which needs no node at all. */
    default boolean isIdentity() {
        return false;
    }
}
