package dev.deeplift.core.functions;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@code f(z) = z}. */
final class Identity implements ElementwiseFunction {
    static final Identity INSTANCE = new Identity();

    @Override
    public String name() {
        return "identity";
    }

    @Override
    public INDArray apply(INDArray z) {
        return z.dup();
    }

    @Override
    public INDArray derivative(INDArray z) {
        return Nd4j.onesLike(z);
    }

    @Override
    public boolean isIdentity() {
        return true;
    }

    @Override
    public String toString() {
        return name();
    }
}
