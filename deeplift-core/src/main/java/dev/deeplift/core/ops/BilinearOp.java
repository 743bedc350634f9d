package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A map {@code y = f(a, b)} that is linear in each operand when the other is fixed, and whose every term is a
 * product {@code a_i·b_j} with a non-negative coefficient (an elementwise product, a matrix product with a positive
 * scale). The two-player Shapley split of the product rule applies to it exactly, for every output element:
 * {@code f(a, b) − f(a₀, b₀) = f(Δa, (b + b₀)/2) + f((a + a₀)/2, Δb)}, so {@code Δa} is credited through the linear
 * map {@code f(·, b̄)} and {@code Δb} through {@code f(ā, ·)} (the product rule of DeepLIFT's appendix, for sums of
 * products).
 *
 * <p>Implementations only read their configuration; every method returns a new array.
 */
public interface BilinearOp {

    /**
     * {@code f(a, b)}; {@code a} and {@code b} have the same batch size (the caller broadcasts a shared reference
     * row where they differ).
     */
    INDArray apply(INDArray a, INDArray b);

    /**
     * The transpose of {@code a ↦ f(a, b)} applied to output multipliers {@code m}: the multipliers of {@code a}
     * when {@code b} is held at {@code b}.
     *
     * @param aShape an array of {@code a}'s shape (only its shape is read)
     */
    INDArray transposeFirst(INDArray m, INDArray b, INDArray aShape);

    /** The transpose of {@code b ↦ f(a, b)} applied to {@code m}; {@code bShape} gives {@code b}'s shape. */
    INDArray transposeSecond(INDArray m, INDArray a, INDArray bShape);
}
