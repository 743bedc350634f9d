package dev.deeplift.core.rules;

import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.PairActivations;
import org.nd4j.linalg.api.ndarray.INDArray;

/** A stateless strategy that carries multipliers across an elementwise nonlinearity {@code y = f(z)}. */
public interface NonlinearRule {

    /**
     * Multipliers on {@code z} (on its positive and negative parts) from those on {@code y}.
     *
     * @param f       the nonlinearity
     * @param z       activations feeding it, with their (explicit or own-sign) split
     * @param y       its activations
     * @param mOut    {@code [N, ...]} multipliers on {@code Δy}
     * @param epsilon below this {@code |Δ|}, ratios fall back to derivatives
     */
    Multipliers backward(ElementwiseFunction f, PairActivations z, PairActivations y, INDArray mOut, double epsilon);
}
