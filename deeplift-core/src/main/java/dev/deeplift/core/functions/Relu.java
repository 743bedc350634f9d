package dev.deeplift.core.functions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** {@code max(z, 0)}, with {@code relu'(0) = 0} so that a zero pre-activation passes nothing back. */
final class Relu implements ElementwiseFunction {
    static final Relu INSTANCE = new Relu();

    @Override
    public String name() {
        return "relu";
    }

    @Override
    public INDArray apply(INDArray z) {
        return Transforms.relu(z, true);
    }

    @Override
    public INDArray derivative(INDArray z) {
        return z.gt(0.0).castTo(z.dataType());
    }

    @Override
    public String toString() {
        return name();
    }
}
