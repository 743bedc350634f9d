package dev.deeplift.core.rules;

import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Guided backpropagation (Springenberg et al., 2015): the gradient, with negative multipliers stopped at every
 * nonlinearity, {@code m_in = f'(z)·max(m_out, 0)}. For comparison with DeepLIFT; it does not sum to delta.
 */
public final class GuidedBackpropRule implements NonlinearRule {
    /** The shared instance. */
    public static final GuidedBackpropRule INSTANCE = new GuidedBackpropRule();

    private GuidedBackpropRule() {
    }

    @Override
    public Multipliers backward(ElementwiseFunction f, PairActivations z, PairActivations y, INDArray mOut,
                                double epsilon) {
        INDArray positive = org.nd4j.linalg.ops.transforms.Transforms.relu(mOut, true);
        return Multipliers.symmetric(f.derivative(z.input()).muli(positive));
    }
}
