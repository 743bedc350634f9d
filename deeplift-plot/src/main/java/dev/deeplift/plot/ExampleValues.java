package dev.deeplift.plot;

import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The values of one example of an array, copied out once into a Java array in row-major order, with the shape
 * of that example. Pictures read pixels from here rather than one ND4J call per value.
 */
final class ExampleValues {
    private final long[] shape;
    private final long[] strides;
    private final double[] values;

    private ExampleValues(long[] shape, double[] values) {
        this.shape = shape;
        this.values = values;
        this.strides = new long[shape.length];
        long stride = 1;
        for (int k = shape.length - 1; k >= 0; k--) {
            strides[k] = stride;
            stride *= shape[k];
        }
    }

    /** Example {@code example} of {@code a} (all of {@code a} when it has no batch axis). */
    static ExampleValues of(INDArray a, boolean batched, int example) {
        INDArray one = a;
        long[] shape = a.shape();
        if (batched) {
            shape = Arrays.copyOfRange(shape, 1, shape.length);
            INDArrayIndex[] index = new INDArrayIndex[a.rank()];
            Arrays.fill(index, NDArrayIndex.all());
            index[0] = NDArrayIndex.point(example);
            // Point indexing drops the batch axis, but size-1 axes must survive it: reshape to the known shape.
            one = a.get(index).reshape(shape);
        }
        double[] values = one.dup('c').castTo(DataType.DOUBLE).reshape(one.length()).toDoubleVector();
        return new ExampleValues(shape, values);
    }

    /** The example's shape. */
    long[] shape() {
        return shape.clone();
    }

    /** The size of one axis of the example. */
    int size(int axis) {
        return (int) shape[axis];
    }

    /** The value at a position of the example, one index per axis. */
    double at(int... position) {
        long flat = 0;
        for (int k = 0; k < position.length; k++) {
            flat += position[k] * strides[k];
        }
        return values[(int) flat];
    }

    /**
     * Fails if a value is NaN or infinite; the message names the array, the example and the position.
     *
     * @param where e.g. {@code " in example 3"}, or empty for an array without a batch axis
     */
    ExampleValues requireFinite(String what, String where) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " has a " + (Double.isNaN(values[i]) ? "NaN" : "infinite")
                        + " value" + where + " at " + Arrays.toString(unravel(i)));
            }
        }
        return this;
    }

    private long[] unravel(long flat) {
        long[] position = new long[shape.length];
        for (int k = 0; k < shape.length; k++) {
            position[k] = flat / strides[k];
            flat %= strides[k];
        }
        return position;
    }

    /** {@code " in example i"} for a batched array, else empty: the suffix of messages naming a position. */
    static String where(boolean batched, int example) {
        return batched ? " in example " + example : "";
    }
}
