package dev.deeplift.core.ops;

import dev.deeplift.core.Layout;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A dense map applied at every step of a sequence, {@code y(t) = x(t)·W + b}, on {@code [N, C, T]} or
 * {@code [N, T, C]}: DL4J's {@code RnnOutputLayer}, {@code TimeDistributed(DenseLayer)} and dense layers between
 * {@code RnnToFeedForward} and {@code FeedForwardToRnn} preprocessors. As a map of a whole example's sequence it is
 * linear (block-diagonal over time), so the Linear rule applies to it as to any dense layer; it runs as one matrix
 * product over every step.
 */
public final class SequenceDenseOp implements LinearOp {
    private final DenseOp dense;
    private final Layout layout;

    /**
     * @param weights {@code [nIn, nOut]}, read at every call
     * @param bias    {@code [1, nOut]} or null
     * @param layout  {@link Layout#NCW} or {@link Layout#NWC}
     */
    public SequenceDenseOp(INDArray weights, INDArray bias, Layout layout) {
        this(new DenseOp(weights, bias), layout);
    }

    private SequenceDenseOp(DenseOp dense, Layout layout) {
        if (layout != Layout.NCW && layout != Layout.NWC) {
            throw new IllegalArgumentException("A per-step dense map reads NCW or NWC sequences, got " + layout);
        }
        this.dense = dense;
        this.layout = layout;
    }

    @Override
    public INDArray apply(INDArray x) {
        return perStep(x, dense::apply, dense.nOut());
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return perStep(dx, dense::applyLinear, dense.nOut());
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        return perStep(m, a -> dense.transpose(a, null), dense.nIn());
    }

    @Override
    public LinearOp absolute() {
        return new SequenceDenseOp((DenseOp) dense.absolute(), layout);
    }

    /** {@code f} on the rows {@code [N·T, C]} of a sequence, back in the layout with {@code out} features. */
    private INDArray perStep(INDArray a, java.util.function.UnaryOperator<INDArray> f, long out) {
        if (a.rank() != 3) {
            throw new IllegalArgumentException("A per-step dense map needs sequences, got "
                    + java.util.Arrays.toString(a.shape()));
        }
        long n = a.size(0);
        boolean ncw = layout == Layout.NCW;
        long steps = ncw ? a.size(2) : a.size(1);
        INDArray rows = (ncw ? a.permute(0, 2, 1) : a).dup('c').reshape(n * steps, ncw ? a.size(1) : a.size(2));
        INDArray y = f.apply(rows).reshape(n, steps, out);
        return ncw ? y.permute(0, 2, 1).dup('c') : y;
    }

    @Override
    public String toString() {
        return "perStep" + dense + "(" + layout + ")";
    }
}
