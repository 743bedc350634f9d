package dev.deeplift.core.functions;

import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An elementwise ND4J {@link IActivation}: its value from {@code getActivation} at inference, its derivative from
 * {@code backprop} with a unit epsilon. Both are called on copies, since ND4J activations work in place.
 */
final class ActivationFunction implements ElementwiseFunction {
    private final String name;
    private final IActivation activation;

    ActivationFunction(String name, IActivation activation) {
        this.name = name;
        this.activation = activation;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public INDArray apply(INDArray z) {
        return activation.getActivation(z.dup(), false);
    }

    @Override
    public INDArray derivative(INDArray z) {
        return activation.backprop(z.dup(), Nd4j.onesLike(z)).getFirst();
    }

    @Override
    public String toString() {
        return name;
    }
}
