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
            // One position is its own maximum (ND4J's cumulative sum along a size-1 axis mixes up the examples).
            return layout.fromNcs(v.reshape(v.size(0), v.size(1), 1).dup(), a.shape());
        }
        INDArray top = ncs.max(2).reshape(ncs.size(0), ncs.size(1), 1);
        INDArray isMax = ncs.sub(top).eq(0.0).castTo(a.dataType());
        // Keep only the first arg-max of each channel: where the running count of maxima is exactly 1.
        INDArray first = isMax.mul(isMax.cumsum(2).eq(1.0).castTo(a.dataType()));
        return layout.fromNcs(first.muli(v.reshape(v.size(0), v.size(1), 1)), a.shape());
    }

    @Override
    public String toString() {
        return "globalMaxPool";
    }
}
