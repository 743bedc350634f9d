package dev.deeplift.core.nodes;

import dev.deeplift.core.ops.CustomOps;
import dev.deeplift.core.ops.Window2D;
import org.nd4j.linalg.api.ndarray.INDArray;

/** 2D max-pooling with libnd4j's {@code maxpool2d}, the kernel DL4J's {@code SubsamplingLayer} runs. */
public final class MaxPoolNode extends MaxNode {
    private final Window2D window;
    private final long[] args;

    /** @param window the pooling window */
    public MaxPoolNode(Window2D window) {
        this.window = window;
        this.args = window.poolArgs(0);
    }

    @Override
    protected INDArray max(INDArray a) {
        return CustomOps.exec("maxpool2d", new INDArray[] {a}, args)[0];
    }

    @Override
    protected INDArray route(INDArray a, INDArray v) {
        // maxpool2d_bp routes to the first arg-max of each window and accumulates over overlapping windows.
        return CustomOps.exec("maxpool2d_bp", new INDArray[] {a, v}, args)[0];
    }

    @Override
    public String toString() {
        return "maxpool[" + window + "]";
    }
}
