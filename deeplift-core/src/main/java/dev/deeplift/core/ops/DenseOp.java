package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A fully connected map {@code y = x·W + b} with {@code W: [nIn, nOut]} and {@code b: [1, nOut]} or none.
 *
 * <p>Products run through libnd4j's {@code matmul} op on a row-major copy of the weights rather than
 * {@code INDArray.mmul}: on the MLP benchmark's 256×784·784×300 product that measured 3× faster on the generic
 * backend and 9× faster on the oneDNN one (DL4J keeps dense weights as column-major views of its parameters).
 */
public final class DenseOp implements LinearOp {
    private final INDArray weights;
    private final INDArray bias;

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
        INDArray y = applyLinear(x);
        return bias == null ? y : y.addiRowVector(bias);
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return CustomOps.exec("matmul", new INDArray[] {dx, rowMajorWeights()})[0];
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        // matmul's integer arguments (0, 1): transpose the second operand.
        return CustomOps.exec("matmul", new INDArray[] {m, rowMajorWeights()}, 0, 1)[0];
    }

    /** The weights as a contiguous row-major array, copied per call from a live (column-major) view. */
    private INDArray rowMajorWeights() {
        return weights.ordering() == 'c' && !weights.isView() ? weights : weights.dup('c');
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
