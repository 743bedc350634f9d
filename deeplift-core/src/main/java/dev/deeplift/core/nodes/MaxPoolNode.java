package dev.deeplift.core.nodes;

import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.kernels.CrossMaxPoolKernel;
import dev.deeplift.core.kernels.SmallMaxPool;
import dev.deeplift.core.ops.CustomOps;
import dev.deeplift.core.ops.Window2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/** 2D max-pooling with libnd4j's {@code maxpool2d}, the kernel DL4J's {@code SubsamplingLayer} runs. */
public final class MaxPoolNode extends MaxNode {
    private final Window2D window;
    private final long[] args;
    /** Windows along one axis run faster on the generic kernel; dilated ones only run there. */
    private final boolean generic;

    /** @param window the pooling window */
    public MaxPoolNode(Window2D window) {
        this.window = window;
        this.args = window.poolArgs(0);
        this.generic = window.dilated() || window.kH() == 1 && window.sH() == 1 || window.kW() == 1 && window.sW() == 1;
    }

    @Override
    protected INDArray max(INDArray a) {
        INDArray small = SmallMaxPool.of(a, window);
        return small != null ? small : exec("maxpool2d", a);
    }

    @Override
    protected INDArray route(INDArray a, INDArray v) {
        // maxpool2d_bp routes to the first arg-max of each window and accumulates over overlapping windows.
        return exec("maxpool2d_bp", a, v);
    }

    @Override
    protected INDArray crossMaxKernel(PairActivations in, PairActivations out, INDArray m, double epsilon) {
        return CrossMaxPoolKernel.multipliers(in, out, m, window, epsilon);
    }

    private INDArray exec(String op, INDArray... inputs) {
        return CustomOps.first(op, generic, inputs, args);
    }

    @Override
    public String toString() {
        return "maxpool[" + window + "]";
    }
}
