package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Ready {@link ShapeOp}s: reshapes, permutations, zero-padding, cropping, nearest-neighbour upsampling,
 * space-to-depth.
 */
public final class ShapeOps {
    private ShapeOps() {
    }

    /** Reshapes each example, in 'c' order, to {@code featureShape} ({@code -1} allowed once). */
    public static ShapeOp reshape(long... featureShape) {
        return new ShapeOp("reshape" + java.util.Arrays.toString(featureShape), x -> {
            long[] s = new long[featureShape.length + 1];
            s[0] = x.size(0);
            System.arraycopy(featureShape, 0, s, 1, featureShape.length);
            return x.reshape('c', s);
        }, (m, in) -> m.reshape('c', in.shape()));
    }

    /** Permutes the axes of each batch ({@code axes[0]} must be 0, the batch axis), e.g. {@code (0, 2, 1)}. */
    public static ShapeOp permute(int... axes) {
        if (axes.length == 0 || axes[0] != 0) {
            throw new IllegalArgumentException("a permutation must keep the batch axis first: "
                    + java.util.Arrays.toString(axes));
        }
        int[] inverse = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            inverse[axes[i]] = i;
        }
        return new ShapeOp("permute" + java.util.Arrays.toString(axes), x -> x.permute(axes).dup('c'),
                (m, in) -> m.permute(inverse).dup('c'));
    }

    /** Inserts an axis of size 1 at {@code axis} (counting the batch axis). */
    public static ShapeOp unsqueeze(int axis) {
        return new ShapeOp("unsqueeze(" + axis + ")", x -> {
            long[] s = new long[x.rank() + 1];
            for (int i = 0, j = 0; i < s.length; i++) {
                s[i] = i == axis ? 1 : x.size(j++);
            }
            return x.reshape('c', s);
        }, (m, in) -> m.reshape('c', in.shape()));
    }

    /** Removes an axis of size 1 at {@code axis} (counting the batch axis). */
    public static ShapeOp squeeze(int axis) {
        return new ShapeOp("squeeze(" + axis + ")", x -> {
            long[] s = new long[x.rank() - 1];
            for (int i = 0, j = 0; i < x.rank(); i++) {
                if (i != axis) {
                    s[j++] = x.size(i);
                }
            }
            return x.reshape('c', s);
        }, (m, in) -> m.reshape('c', in.shape()));
    }

    /** The sum over {@code axis} (counting the batch axis), kept as an axis of size 1; transposed, a repeat. */
    public static ShapeOp sum(int axis) {
        if (axis < 1) {
            throw new IllegalArgumentException("A sum over the batch axis has no per-example meaning");
        }
        return new ShapeOp("sum(" + axis + ")", x -> x.sum(true, axis),
                (m, in) -> Nd4j.zeros(m.dataType(), in.shape()).addi(m));
    }

    /** The mean over {@code axis} (counting the batch axis), kept as an axis of size 1; transposed, a repeat / n. */
    public static ShapeOp mean(int axis) {
        if (axis < 1) {
            throw new IllegalArgumentException("A mean over the batch axis has no per-example meaning");
        }
        return new ShapeOp("mean(" + axis + ")", x -> x.mean(true, axis),
                (m, in) -> Nd4j.zeros(m.dataType(), in.shape()).addi(m).divi(in.size(axis)));
    }

    /** Zero-padding: {@code before[i]} and {@code after[i]} zeros along axis {@code i} (0 for the batch). */
    public static ShapeOp pad(int[] before, int[] after) {
        return new ShapeOp("zeroPad", x -> {
            int[][] widths = new int[x.rank()][2];
            for (int i = 0; i < x.rank(); i++) {
                widths[i][0] = before[i];
                widths[i][1] = after[i];
            }
            return Nd4j.pad(x, widths);
        }, (m, in) -> crop(m, before, after));
    }

    /** Cropping: removes {@code before[i]} and {@code after[i]} entries along axis {@code i}. */
    public static ShapeOp crop(int[] before, int[] after) {
        return new ShapeOp("crop", x -> crop(x, before, after), (m, in) -> {
            int[][] widths = new int[m.rank()][2];
            for (int i = 0; i < m.rank(); i++) {
                widths[i][0] = before[i];
                widths[i][1] = after[i];
            }
            return Nd4j.pad(m, widths);
        });
    }

    /** Nearest-neighbour upsampling: each entry repeated {@code factor[i]} times along axis {@code i}. */
    public static ShapeOp upsample(int[] factor) {
        return new ShapeOp("upsample", x -> {
            INDArray y = x;
            for (int i = 1; i < factor.length; i++) {
                if (factor[i] != 1) {
                    y = y.repeat(i, factor[i]);
                }
            }
            return y;
        }, (m, in) -> {
            // Sum each block of copies: split every upsampled axis into (size, factor) and sum the factors.
            long[] split = new long[2 * in.rank()];
            int[] sumAxes = new int[in.rank()];
            for (int i = 0; i < in.rank(); i++) {
                split[2 * i] = in.size(i);
                split[2 * i + 1] = i < factor.length ? factor[i] : 1;
                sumAxes[i] = 2 * i + 1;
            }
            return m.dup('c').reshape('c', split).sum(sumAxes).reshape(in.shape());
        });
    }

    /** Space-to-depth with libnd4j's op, a permutation of values whose transpose is depth-to-space. */
    public static ShapeOp spaceToDepth(int blockSize, boolean channelsLast) {
        long nhwc = channelsLast ? 1 : 0;
        return new ShapeOp("spaceToDepth(" + blockSize + ")",
                x -> CustomOps.exec("space_to_depth", new INDArray[] {x}, blockSize, nhwc)[0],
                (m, in) -> CustomOps.exec("depth_to_space", new INDArray[] {m}, blockSize, nhwc)[0]);
    }

    private static INDArray crop(INDArray a, int[] before, int[] after) {
        INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
        for (int i = 0; i < a.rank(); i++) {
            idx[i] = NDArrayIndex.interval(before[i], a.size(i) - after[i]);
        }
        return a.get(idx).dup();
    }
}
