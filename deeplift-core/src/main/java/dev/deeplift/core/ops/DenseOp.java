package dev.deeplift.core.ops;

import dev.deeplift.core.kernels.SmallDense;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fully connected map {@code y = x·W + b} with {@code W: [nIn, nOut]} and {@code b: [1, nOut]} or none.
 *
 * <p>Products run through libnd4j's {@code matmul} op rather than {@code INDArray.mmul}, with the weights read as a
 * dense row-major block: on the MLP benchmark's 256×784·784×300 product that measured 3× faster on the generic
 * backend and 9× faster on the oneDNN one. DL4J keeps dense weights as column-major views of its parameters, which
 * are row-major views of {@code Wᵀ}: those are multiplied with matmul's transpose flag, without a copy. Small
 * FLOAT products, below the fixed cost of a {@code matmul}, run in Java ({@link SmallDense}).
 */
public final class DenseOp implements LinearOp {
    private final INDArray weights;
    private final INDArray bias;
    /** The row-major view of {@code Wᵀ} of column-major weights, made once (a view costs native shape buffers). */
    private final INDArray transposedView;

    /**
     * @param weights {@code [nIn, nOut]}, read (never written) at every call, so a view of live parameters works
     * @param bias    {@code [1, nOut]} or {@code [nOut]}, or null for none
     */
    public DenseOp(INDArray weights, INDArray bias) {
        if (weights.rank() != 2) {
            throw new IllegalArgumentException("Dense weights must be [nIn, nOut], got " + weights.shapeInfoToString());
        }
        this.weights = weights;
        this.bias = bias == null ? null : bias.reshape(1, weights.size(1));
        this.transposedView = columnMajor() ? weights.transpose() : null;
    }

    /** Number of inputs. */
    public long nIn() {
        return weights.size(0);
    }

    /** Number of outputs. */
    public long nOut() {
        return weights.size(1);
    }

    @Override
    public INDArray apply(INDArray x) {
        INDArray[] small = SmallDense.forward(weights, bias, x);
        if (small != null) {
            return small[0];
        }
        INDArray y = matmulLinear(x);
        if (bias == null || SmallDense.addBias(y, bias)) {
            return y;
        }
        return y.addi(bias); // a broadcasting add: 3× faster than addiRowVector here
    }

    /** Both sides in one pass over the weights where the product is small enough for Java ({@link SmallDense}). */
    @Override
    public INDArray[] applyPair(INDArray x, INDArray ref) {
        INDArray[] small = SmallDense.forward(weights, bias, x, ref);
        return small != null ? small : new INDArray[] {apply(x), apply(ref)};
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        INDArray[] small = SmallDense.forward(weights, null, dx);
        return small != null ? small[0] : matmulLinear(dx);
    }

    private INDArray matmulLinear(INDArray dx) {
        // A column-major W is a row-major Wᵀ: multiply by its transpose view, no copy.
        return transposedView != null ? matmul(dx, transposedView, true) : matmul(dx, rowMajor(), false);
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        INDArray small = SmallDense.backward(weights, m);
        if (small != null) {
            return small;
        }
        return transposedView != null ? matmul(m, transposedView, false) : matmul(m, rowMajor(), true);
    }

    private static INDArray matmul(INDArray a, INDArray b, boolean transposeB) {
        // matmul's integer arguments (0, 1): transpose the second operand.
        return transposeB ? CustomOps.exec("matmul", new INDArray[] {a, b}, 0, 1)[0]
                : CustomOps.exec("matmul", new INDArray[] {a, b})[0];
    }

    /** True if the weights are a dense column-major block, as DL4J's parameter views are. */
    private boolean columnMajor() {
        return weights.stride(0) == 1 && weights.stride(1) == weights.size(0);
    }

    /** The weights as a dense row-major block, copied only if they are neither that nor column-major. */
    private INDArray rowMajor() {
        return weights.stride(1) == 1 && weights.stride(0) == weights.size(1) ? weights : weights.dup('c');
    }

    @Override
    public LinearOp absolute() {
        return new DenseOp(Transforms.abs(weights, true), null);
    }

    @Override
    public String toString() {
        return "Dense[" + nIn() + "→" + nOut() + (bias == null ? ", no bias" : "") + "]";
    }
}
