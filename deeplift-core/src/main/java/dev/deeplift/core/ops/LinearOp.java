package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An affine map {@code y = J·x + b} on a batch, where the Linear rule applies: multipliers go back through
 * {@code Jᵀ} exactly as gradients do (paper 3.5.1). Implementations only read their parameters.
 */
public interface LinearOp {

    /** {@code J·x + b}, as a new array; {@code x} is {@code [N, ...]}. */
    INDArray apply(INDArray x);

    /**
     * {@link #apply} of the input and of the reference side, {@code {J·x + b, J·ref + b}}: ops that gain from
     * computing both in one pass (one product of the stacked rows) do so.
     */
    default INDArray[] applyPair(INDArray x, INDArray ref) {
        return new INDArray[] {apply(x), apply(ref)};
    }

    /** {@code J·dx}, the linear part without bias, as a new array. */
    INDArray applyLinear(INDArray dx);

    /**
     * {@code Jᵀ·m}: multipliers on the output, {@code [N, ...out]}, to multipliers on the input.
     *
     * @param input an {@code [N, ...in]} input of the op; only its shape matters (ops whose input size cannot be
     *              recovered from the output, such as strided convolutions, need it)
     */
    INDArray transpose(INDArray m, INDArray input);

    /**
     * The op with the absolute values of the weights, {@code |J|}, without bias. With it RevealCancel needs one
     * extra product per pass instead of four: the positive terms of {@code J·Δx} sum to
     * {@code ½(J·Δx + |J|·|Δx|)}, and backward {@code J+ᵀm+ + J−ᵀm− = ½(Jᵀ(m+ + m−) + |J|ᵀ(m+ − m−))}.
     * Ops whose weights are all non-negative return themselves (without bias).
     */
    LinearOp absolute();
}
