package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** A fully connected map {@code y = x·W + b} with {@code W: [nIn, nOut]} and {@code b: [1, nOut]} or none. */
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
        INDArray y = x.mmul(weights);
        return bias == null ? y : y.addiRowVector(bias);
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return dx.mmul(weights);
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        return m.mmul(weights.transpose());
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
