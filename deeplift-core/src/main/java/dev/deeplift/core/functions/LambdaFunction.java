package dev.deeplift.core.functions;

import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/** An elementwise function given by two operators that return new arrays. */
final class LambdaFunction implements ElementwiseFunction {
    private final String name;
    private final UnaryOperator<INDArray> apply;
    private final UnaryOperator<INDArray> derivative;

    LambdaFunction(String name, UnaryOperator<INDArray> apply, UnaryOperator<INDArray> derivative) {
        this.name = name;
        this.apply = apply;
        this.derivative = derivative;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray apply(INDArray z) {
        return apply.apply(z);
    }

    @Override
    public INDArray derivative(INDArray z) {
        return derivative.apply(z);
    }

    @Override
    public String toString() {
        return name;
    }
}
