package dev.deeplift.core.rules;

import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.kernels.RevealCancelReluKernel;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The RevealCancel rule (paper 3.5.3). With {@code z0} the reference and {@code Δz = Δz+ + Δz−}:
 * <pre>
 * Δy+ = ½[f(z0 + Δz+) − f(z0)] + ½[f(z0 + Δz− + Δz+) − f(z0 + Δz−)]
 * Δy− = ½[f(z0 + Δz−) − f(z0)] + ½[f(z0 + Δz+ + Δz−) − f(z0 + Δz+)]
 * m+ = Δy+/Δz+,  m− = Δy−/Δz−
 * </pre>
 * {@code f(z0 + Δz+ + Δz−)} is taken as the node's actual output, so {@code Δy+ + Δy− = Δy} holds to rounding.
 * Where {@code |Δz±|} is tiny (relative to {@code max|z0| + max|Δz+| + max|Δz−|} of its own example) its part
 * contributes nothing, and {@code m±} falls back to {@code f'} at {@code z0 + Δz±/2}, which only shows in the
 * multipliers of inputs whose own delta is zero.
 */
public final class RevealCancelRule implements NonlinearRule {
    /** The shared instance. */
    public static final RevealCancelRule INSTANCE = new RevealCancelRule();

    private RevealCancelRule() {
    }

    @Override
    public Multipliers backward(ElementwiseFunction f, PairActivations z, PairActivations y, INDArray mOut,
                                double epsilon) {
        if (f == ElementwiseFunctions.relu()) {
            // One fused kernel gives the same bits as the ops below (null where it cannot).
            Multipliers fused = RevealCancelReluKernel.multipliers(z, y, mOut, epsilon);
            if (fused != null) {
                return fused;
            }
        }
        INDArray z0 = z.reference();
        INDArray f0 = y.reference();
        INDArray dPlus = z.deltaPlus();
        INDArray dMinus = z.deltaMinus();
        // [N, ...] + [1, ...]: ND4J broadcasts a shared reference, with the delta first so the result is [N, ...].
        INDArray fPlus = f.apply(dPlus.add(z0));
        INDArray fMinus = f.apply(dMinus.add(z0));
        INDArray yPlus = fPlus.sub(f0).addi(y.input()).subi(fMinus).muli(0.5);
        INDArray yMinus = fMinus.sub(f0).addi(y.input()).subi(fPlus).muli(0.5);
        double[] scale = Ratios.sum(Ratios.sum(Ratios.rowMagnitudes(dPlus), Ratios.rowMagnitudes(dMinus)),
                z.referenceScale());
        INDArray mPlus = Ratios.safeRatio(yPlus, dPlus, scale, epsilon,
                () -> f.derivative(dPlus.mul(0.5).addi(z0)));
        INDArray mMinus = Ratios.safeRatio(yMinus, dMinus, scale, epsilon,
                () -> f.derivative(dMinus.mul(0.5).addi(z0)));
        return Multipliers.of(mPlus.muli(mOut), mMinus.muli(mOut));
    }
}
