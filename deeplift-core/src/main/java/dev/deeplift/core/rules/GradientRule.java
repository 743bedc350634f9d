package dev.deeplift.core.rules;

import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Plain gradients: {@code m = f'(z)} at the input (not the reference), for comparison with DeepLIFT. */
public final class GradientRule implements NonlinearRule {
    /** The shared instance. */
    public static final GradientRule INSTANCE = new GradientRule();

    private GradientRule() {
    }

    @Override
    public Multipliers backward(ElementwiseFunction f, PairActivations z, PairActivations y, INDArray mOut,
                                double epsilon) {
        return Multipliers.symmetric(f.derivative(z.input()).muli(mOut));
    }
}
