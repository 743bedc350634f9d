package dev.deeplift.core.nodes;

import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.ops.BilinearOp;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The product rule for a {@link BilinearOp} {@code y = f(a, b)}, shared by every node that multiplies two
 * activations: the exact two-player Shapley split {@code Δy = f(Δa, b̄) + f(ā, Δb)} with {@code ā = (a + a₀)/2},
 * so the multipliers of {@code a} are those of {@code y} sent back through {@code f(·, b̄)} and those of {@code b}
 * through {@code f(ā, ·)}.
 *
 * <p>For RevealCancel the output's delta is split into the sums of its positive and negative terms
 * {@code Δa_i·c·b̄_j} and {@code ā_i·c·Δb_j} (as the Linear rule splits {@code w·Δx}); each input element then takes
 * {@code m+} on its positive terms and {@code m−} on its negative ones, by the sign of its own delta, so
 * {@code Σ m·Δ} over the inputs is {@code m+·Δy+ + m−·Δy−}. Without a split, multipliers arriving in two parts are
 * collapsed by the sign of the output's delta. For plain gradients each factor is held at the input instead.
 */
final class ShapleyProduct {
    private ShapleyProduct() {
    }

    /** Both sides of {@code f(a, b)}, with the term split if {@code split}. */
    static PairActivations forward(BilinearOp op, PairActivations a, PairActivations b, boolean split) {
        INDArray aRef = a.reference();
        INDArray bRef = b.reference();
        if (aRef.size(0) != bRef.size(0)) {
            // One operand's reference is a shared row, the other's per example: align their batches.
            aRef = a.broadcastReference();
            bRef = b.broadcastReference();
        }
        INDArray y = op.apply(a.input(), b.input());
        INDArray yRef = op.apply(aRef, bRef);
        if (!split) {
            return PairActivations.of(y, yRef);
        }
        INDArray delta = y.sub(yRef);
        // Σ|terms| = f(|Δa|, |b̄|) + f(|ā|, |Δb|), as every coefficient of f is non-negative.
        INDArray magnitude = op.apply(Transforms.abs(a.delta(), true), Transforms.abs(b.midpoint(), false))
                .addi(op.apply(Transforms.abs(a.midpoint(), false), Transforms.abs(b.delta(), true)));
        return withSplit(y, yRef, delta, magnitude);
    }

    /**
     * Both sides {@code (y, yRef)} with the split whose parts sum the positive and the negative terms, given the
     * delta and the sum of the terms' magnitudes.
     */
    static PairActivations withSplit(INDArray y, INDArray yRef, INDArray delta, INDArray magnitude) {
        INDArray plus = magnitude.addi(delta).muli(0.5);
        INDArray minus = delta.sub(plus);
        return PairActivations.withSplit(y, yRef, plus, minus);
    }

    /**
     * Multipliers of {@code a} and {@code b} from those of {@code y}.
     *
     * @param output   {@code y}'s activations as {@link #forward} made them (its split, if any, decides the path)
     * @param gradient true for plain gradients (every rule is {@link dev.deeplift.core.Rule#GRADIENT}): each factor
     *                 is then held at the input, {@code ∂y/∂a = f(·, b)}, not at the midpoint
     */
    static List<Multipliers> backward(BilinearOp op, Multipliers out, PairActivations a, PairActivations b,
                                      PairActivations output, boolean gradient) {
        INDArray aMid = gradient ? a.input() : a.midpoint();
        INDArray bMid = gradient ? b.input() : b.midpoint();
        if (out.isSymmetric() || !output.hasExplicitSplit()) {
            INDArray m = out.collapseOn(output);
            return List.of(Multipliers.symmetric(op.transposeFirst(m, bMid, a.input())),
                    Multipliers.symmetric(op.transposeSecond(m, aMid, b.input())));
        }
        // Terms of a positive Δa_i take m+ through positive coefficients b̄ and m− through negative ones:
        // ½(f(·, b̄)ᵀ(m+ + m−) ± f(·, |b̄|)ᵀ(m+ − m−)), + where Δa_i > 0 and − where Δa_i < 0.
        INDArray sum = out.plus().add(out.minus());
        INDArray diff = out.plus().sub(out.minus());
        Multipliers mA = byOwnSign(op.transposeFirst(sum, bMid, a.input()),
                op.transposeFirst(diff, Transforms.abs(bMid, false), a.input()), a.delta());
        Multipliers mB = byOwnSign(op.transposeSecond(sum, aMid, b.input()),
                op.transposeSecond(diff, Transforms.abs(aMid, false), b.input()), b.delta());
        return List.of(mA, mB);
    }

    private static Multipliers byOwnSign(INDArray sum, INDArray diff, INDArray delta) {
        INDArray plus = sum.add(diff).muli(0.5);
        INDArray minus = sum.subi(diff).muli(0.5);
        return Multipliers.symmetric(Multipliers.of(plus, minus).collapse(delta));
    }
}
