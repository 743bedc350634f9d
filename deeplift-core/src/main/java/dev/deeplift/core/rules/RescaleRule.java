package dev.deeplift.core.rules;

import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.kernels.ReluRescaleKernel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Rescale rule (paper 3.5.2): {@code m = Δy/Δz}, and {@code f'((z + z_ref)/2)} where {@code |Δz|} is tiny
 * relative to {@code max|z_i| + max|z_ref,i|} of its own example {@code i}.
 */
public final class RescaleRule implements NonlinearRule {
    /** The shared instance. */
    public static final RescaleRule INSTANCE = new RescaleRule();

    private RescaleRule() {
    }

    @Override
    public Multipliers backward(ElementwiseFunction f, PairActivations z, PairActivations y, INDArray mOut,
                                double epsilon) {
        if (f == ElementwiseFunctions.relu()) {
            // The hottest rule: one fused kernel gives the same bits as the ops below (null where it cannot).
            INDArray fused = ReluRescaleKernel.multipliers(z, y, mOut, epsilon);
            if (fused != null) {
                return Multipliers.symmetric(fused);
            }
        }
        INDArray ratio = Ratios.safeRatio(y.delta(), z.delta(), Ratios.sum(z.inputScale(), z.referenceScale()),
                epsilon, () -> f.derivative(z.midpoint()));
        return Multipliers.symmetric(ratio.muli(mOut));
    }
}
