package dev.deeplift.core.nodes;

import dev.deeplift.core.ops.SpatialLayout;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Max over every spatial position of each channel, {@code [N, C, ...] → [N, C]}. */
public final class GlobalMaxPoolNode extends MaxNode {
    private final SpatialLayout layout;

    /** @param layout where the channels are */
    public GlobalMaxPoolNode(SpatialLayout layout) {
        this.layout = layout;
    }

    @Override
    protected INDArray max(INDArray a) {
        return layout.toNcs(a).max(2);
    }

    @Override
    protected INDArray route(INDArray a, INDArray v) {
        INDArray ncs = layout.toNcs(a);
        if (ncs.size(2) == 1) {
            return layout.fromNcs(v.reshape(v.size(0), v.size(1), 1).dup(), a.shape()); // its own maximum
        }
        INDArray first = FirstMax.indicator(ncs, 2);
        return layout.fromNcs(first.muli(v.reshape(v.size(0), v.size(1), 1)), a.shape());
    }

    @Override
    public String toString() {
        return "globalMaxPool";
    }
}
