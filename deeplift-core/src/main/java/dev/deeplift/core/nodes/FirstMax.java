package dev.deeplift.core.nodes;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The first arg-max along one axis of a rank-3 array as a 0/1 indicator: what max pooling over that axis routes
 * multipliers to (first position on ties, as the peers and libnd4j's pooling do).
 *
 * <p>Built from the arg-max indices and a ramp of positions rather than from a cumulative sum of the maxima: ND4J
 * 1.0.0-M2.1's {@code cumsum} along an axis fails or mixes up examples for some shapes (a size-1 axis, single
 * examples).
 */
public final class FirstMax {
    private FirstMax() {
    }

    /**
     * @param a    {@code [N, A, B]}
     * @param axis 1 or 2
     * @return {@code a}'s shape and data type: 1 at the first maximum along {@code axis} of every line, else 0
     */
    public static INDArray indicator(INDArray a, int axis) {
        if (a.rank() != 3 || (axis != 1 && axis != 2)) {
            throw new IllegalArgumentException("first arg-max along axis 1 or 2 of a rank-3 array, got axis " + axis
                    + " of " + java.util.Arrays.toString(a.shape()));
        }
        INDArray c = a.dup('c');
        INDArray argMax = Nd4j.argMax(c, axis).castTo(a.dataType());      // [N, other]
        long n = c.size(0);
        long other = c.size(axis == 1 ? 2 : 1);
        long length = c.size(axis);
        INDArray at = axis == 1 ? argMax.reshape(n, 1, other) : argMax.reshape(n, other, 1);
        INDArray ramp = Nd4j.arange(length).castTo(a.dataType());
        ramp = axis == 1 ? ramp.reshape(1, length, 1) : ramp.reshape(1, 1, length);
        // position − argmax is 0 exactly at the first maximum.
        return Nd4j.zeros(a.dataType(), c.shape()).addi(ramp).subi(at).eq(0.0).castTo(a.dataType());
    }
}
