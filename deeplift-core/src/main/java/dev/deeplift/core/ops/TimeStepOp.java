package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A linear map applied to one time step of sequence data {@code [N, ..., T]} (the last axis is time): its input is
 * the whole sequence, its output that of the inner map on step {@code t} alone ({@code [N, ..., 1]}), so the
 * multipliers of the other steps are zero. The input term {@code x_t·W + b} of a recurrent step.
 */
public final class TimeStepOp implements LinearOp {
    private final LinearOp inner;
    private final long step;

    /** @param inner the map of one step's {@code [N, ..., 1]} slice; @param step the time step it reads */
    public TimeStepOp(LinearOp inner, long step) {
        this.inner = inner;
        this.step = step;
    }

    @Override
    public INDArray apply(INDArray x) {
        return inner.apply(slice(x));
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return inner.applyLinear(slice(dx));
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        INDArray back = Nd4j.zeros(m.dataType(), input.shape());
        back.get(index(back)).assign(inner.transpose(m, slice(input)));
        return back;
    }

    @Override
    public LinearOp absolute() {
        return new TimeStepOp(inner.absolute(), step);
    }

    private INDArray slice(INDArray x) {
        return x.get(index(x));
    }

    private INDArrayIndex[] index(INDArray x) {
        INDArrayIndex[] idx = new INDArrayIndex[x.rank()];
        for (int i = 0; i < idx.length - 1; i++) {
            idx[i] = NDArrayIndex.all();
        }
        idx[idx.length - 1] = NDArrayIndex.interval(step, step + 1);
        return idx;
    }

    @Override
    public String toString() {
        return inner + "@t=" + step;
    }
}
