package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.rules.GradientRule;
import dev.deeplift.core.rules.RescaleRule;
import dev.deeplift.core.rules.RevealCancelRule;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The elementary rules inside a recurrent cell, on per-step arrays of every step at once ({@code [T, n, ...]}):
 * the nonlinear rule of the node's {@link NodeContext} for each elementwise nonlinearity, the product rule for each
 * product, and the Linear rule with its RevealCancel sign handling for input, recurrent and peephole weights.
 *
 * <p>Rescale, RevealCancel and gradients are linear in the multiplier arriving on a nonlinearity's output, so a
 * nonlinearity's multiplier factors ("slopes") are computed once for every step and example, in bulk, before the
 * backward pass through time; each step then only multiplies. The tiny-divisor test of each slope is decided per
 * example and step.
 */
final class StepRules {
    private StepRules() {
    }

    /** Refuses strategies that are not linear in the output multiplier (guided backpropagation). */
    static void check(NodeContext context, String node) {
        var rule = context.nonlinearRule();
        if (rule != RescaleRule.INSTANCE && rule != RevealCancelRule.INSTANCE && rule != GradientRule.INSTANCE) {
            throw new UnsupportedOperationException(node + ": " + rule.getClass().getSimpleName()
                    + " is not supported through recurrent layers (their products pass signed multipliers); use "
                    + "Rescale, RevealCancel or gradients");
        }
    }

    /** True if the context's rule needs the positive and negative parts of pre-activations (RevealCancel). */
    static boolean splits(NodeContext context) {
        return context.nonlinearRule() == RevealCancelRule.INSTANCE;
    }

    /**
     * The multiplier factors of {@code y = f(z)} at every step: multipliers on {@code z}'s parts are these times the
     * multiplier on {@code y}. All arrays are {@code [T, n, G]}, references {@code [T, r, G]}.
     *
     * @param plus  {@code z}'s positive part (RevealCancel), or null to split {@code z} by its own sign
     */
    static Multipliers slopes(NodeContext context, ElementwiseFunction f, SequenceRows rows, INDArray z, INDArray y,
                              INDArray plus, INDArray minus) {
        long[] shape = rows.in(z).shape();
        long flat = shape[0] * shape[1];
        INDArray zIn = rows.in(z).dup('c').reshape(flat, shape[2]);
        INDArray zRef = rows.refPerExample(z).dup('c').reshape(flat, shape[2]);
        INDArray yIn = rows.in(y).dup('c').reshape(flat, shape[2]);
        INDArray yRef = rows.refPerExample(y).dup('c').reshape(flat, shape[2]);
        PairActivations zp = plus == null ? PairActivations.of(zIn, zRef)
                : PairActivations.withSplit(zIn, zRef, plus.dup('c').reshape(flat, shape[2]),
                minus.dup('c').reshape(flat, shape[2]));
        PairActivations yp = PairActivations.of(yIn, yRef);
        INDArray ones = Nd4j.ones(z.dataType(), flat, shape[2]);
        Multipliers m = context.nonlinearRule().backward(f, zp, yp, ones, context.epsilon());
        return m.isSymmetric() ? Multipliers.symmetric(m.plus().reshape(shape))
                : Multipliers.of(m.plus().reshape(shape), m.minus().reshape(shape));
    }

    /** The positive part of {@code Δz} given {@code Δz} and the sum of the magnitudes of its terms. */
    static INDArray positivePart(INDArray delta, INDArray magnitude) {
        return delta.add(magnitude).muli(0.5);
    }

    /** The sign of every element, -1, 0 or 1. */
    static INDArray sign(INDArray a) {
        return Transforms.sign(a, true);
    }

    /**
     * Multipliers on the input of an elementwise weight {@code w} ({@code [1, H]}, e.g. a peephole) from multipliers
     * {@code (mPlus, mMinus)} on the parts of its output terms: {@code ½w(m+ + m−) + ½·sign(Δx)·|w|(m+ − m−)},
     * i.e. the Linear rule whose input is split by its own sign.
     */
    static INDArray elementwiseBack(INDArray w, INDArray mPlus, INDArray mMinus, INDArray inputSign) {
        if (mMinus == null) {
            return mPlus.mulRowVector(w);
        }
        INDArray sum = mPlus.add(mMinus).muliRowVector(w);
        INDArray diff = mPlus.sub(mMinus).muliRowVector(Transforms.abs(w, true)).muli(inputSign);
        return sum.addi(diff).muli(0.5);
    }

    /**
     * Multipliers on the input of {@code x·W} ({@code W: [in, out]}) from multipliers on the parts of its output:
     * {@code Wᵀm} for symmetric ones, else {@code ½Wᵀ(m+ + m−) + ½·sign(Δx)·|W|ᵀ(m+ − m−)}.
     *
     * @param mMinus null for symmetric multipliers
     */
    static INDArray matrixBack(INDArray w, INDArray wAbs, INDArray mPlus, INDArray mMinus, INDArray inputSign) {
        if (mMinus == null) {
            return mPlus.mmul(w.transpose());
        }
        INDArray sum = mPlus.add(mMinus).mmul(w.transpose());
        INDArray diff = mPlus.sub(mMinus).mmul(wAbs.transpose()).muli(inputSign);
        return sum.addi(diff).muli(0.5);
    }

    /**
     * One multiplier per element for a term split by its own sign that received {@code plus} on positive and
     * {@code minus} on negative parts: {@code plus} where {@code Δ > 0}, {@code minus} where negative, their mean at 0.
     */
    static INDArray collapse(INDArray plus, INDArray minus, INDArray deltaSign) {
        INDArray mean = plus.add(minus).muli(0.5);
        INDArray half = plus.sub(minus).muli(0.5).muli(deltaSign);
        return mean.addi(half);
    }
}
