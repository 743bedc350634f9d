package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Where the channels of a convolutional activation are ({@code [N, C, spatial...]} or {@code [N, spatial..., C]}),
 * with conversions to and from {@code [N, C, S]}, S the flattened spatial positions in row-major order.
 */
public record SpatialLayout(int rank, boolean channelsLast) {

    /** {@code [N, C, S]}, a copy or a view. */
    public INDArray toNcs(INDArray a) {
        if (!channelsLast) {
            return a.reshape('c', a.size(0), a.size(1), -1);
        }
        int[] perm = new int[rank];
        perm[0] = 0;
        perm[1] = rank - 1;
        for (int i = 2; i < rank; i++) {
            perm[i] = i - 1;
        }
        INDArray p = a.permute(perm).dup('c');
        return p.reshape('c', p.size(0), p.size(1), -1);
    }

    /** The inverse of {@link #toNcs} for an activation of shape {@code shape}. */
    public INDArray fromNcs(INDArray ncs, long[] shape) {
        if (!channelsLast) {
            return ncs.reshape('c', shape);
        }
        long[] ncShape = new long[rank];
        ncShape[0] = shape[0];
        ncShape[1] = shape[rank - 1];
        System.arraycopy(shape, 1, ncShape, 2, rank - 2);
        int[] perm = new int[rank];
        perm[0] = 0;
        for (int i = 1; i < rank - 1; i++) {
            perm[i] = i + 1;
        }
        perm[rank - 1] = 1;
        return ncs.reshape('c', ncShape).permute(perm).dup('c');
    }

    /** Global average ({@code mean}) or sum pooling over every spatial position, to {@code [N, C]}. */
    public ShapeOp globalPool(boolean mean) {
        return new ShapeOp(mean ? "globalAvgPool" : "globalSumPool",
                x -> mean ? toNcs(x).mean(2) : toNcs(x).sum(2),
                (m, in) -> {
                    INDArray ncs = toNcs(in);
                    INDArray b = m.reshape(m.size(0), m.size(1), 1).broadcast(ncs.shape());
                    return fromNcs(mean ? b.div(ncs.size(2)) : b.dup(), in.shape());
                });
    }
}
