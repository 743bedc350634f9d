package dev.deeplift.core.kernels;

import dev.deeplift.core.graph.PairActivations;
import java.nio.Buffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reading and writing the values of FLOAT arrays as one flat row-major run, for the kernels. The kernels copy
 * blocks of the native buffer into heap arrays with bulk copies (element-by-element buffer reads do not vectorize
 * and measured slower than ND4J), compute there, and copy the result back.
 */
final class DenseFloats {
    /** Elements per block copied to the heap: small enough for the caches, large enough to amortize the copy. */
    static final int BLOCK = 1 << 14;

    private DenseFloats() {
    }

    /**
     * The values of {@code a}, index 0 its first element in row-major order: {@code a}'s own buffer if it is dense
     * row-major from offset 0, else a row-major copy made once. Null if {@code a} is not FLOAT or too long for int
     * indices: the caller keeps its ND4J path.
     */
    static FloatBuffer read(INDArray a) {
        if (!floats(a)) {
            return null;
        }
        FloatBuffer b = plain(a);
        return b != null ? b : plain(a.dup('c'));
    }

    /**
     * True if every array is FLOAT, non-empty and short enough for int indices: what a kernel tests first, before it
     * copies or allocates anything (a DOUBLE network must not pay for a kernel that will not run).
     */
    static boolean floats(INDArray... arrays) {
        for (INDArray a : arrays) {
            if (a == null || a.dataType() != DataType.FLOAT || a.isEmpty() || a.length() > Integer.MAX_VALUE) {
                return false;
            }
        }
        return true;
    }

    /** A new uninitialized FLOAT array of {@code shape} (in the current workspace, as an op's output would be). */
    static INDArray create(long[] shape) {
        return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
    }

    /** The buffer of an array made by {@link #create}, or null if ND4J laid it out otherwise. */
    static FloatBuffer write(INDArray a) {
        return plain(a);
    }

    /** The values of a dense row-major DOUBLE array, index 0 its first element (see {@link #plain}), or null. */
    static DoubleBuffer plainDoubles(INDArray a) {
        if (a.dataType() != DataType.DOUBLE || !rowMajorDense(a) || a.offset() + a.length() > Integer.MAX_VALUE) {
            return null;
        }
        DoubleBuffer b = a.data().asNioDouble();
        return inPlace(b, b.order(), a);
    }

    /** The values of a dense row-major FLOAT array, index 0 its first element ({@link #memory}), or null. */
    private static FloatBuffer plain(INDArray a) {
        return rowMajorDense(a) ? memory(a) : null;
    }

    /**
     * The {@code length} FLOAT values in memory from {@code a}'s first element, index 0 that element, or null. A
     * view's NIO buffer wraps its root buffer positioned at the view's offset (ND4J's
     * {@code BaseDataBuffer.asNioFloat}), so a view, such as one of DL4J's parameters, is read in place from there.
     * The caller knows that {@code a} is dense (row- or column-major).
     */
    static FloatBuffer memory(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.offset() + a.length() > Integer.MAX_VALUE) {
            return null;
        }
        FloatBuffer b = a.data().asNioFloat();
        return inPlace(b, b.order(), a);
    }

    /**
     * {@code b}, the NIO view of {@code a}'s buffer, from {@code a}'s first element (index 0 that element), if it is in
     * native order, positioned at {@code a}'s offset and long enough for its values; else null.
     */
    @SuppressWarnings("unchecked") // a FloatBuffer's or DoubleBuffer's slice is one of its own kind
    private static <B extends Buffer> B inPlace(B b, ByteOrder order, INDArray a) {
        int at = (int) a.offset();
        if (order != ByteOrder.nativeOrder() || b.position() != at || b.capacity() < at + a.length()) {
            return null;
        }
        return at == 0 ? b : (B) b.slice(at, (int) a.length());
    }

    /** Strides of a dense row-major block (axes of size 1 may have any stride). */
    private static boolean rowMajorDense(INDArray a) {
        long expected = 1;
        for (int d = a.rank() - 1; d >= 0; d--) {
            if (a.size(d) != 1 && a.stride(d) != expected) {
                return false;
            }
            expected *= a.size(d);
        }
        return true;
    }

    /**
     * True if an elementwise pair fits the ReLU kernels: FLOAT throughout, the output pair and the multipliers of the
     * input pair's shapes, and a reference of one row (shared) or one per example.
     */
    static boolean elementwisePair(PairActivations z, PairActivations y, INDArray mOut) {
        INDArray zIn = z.input();
        INDArray zRef = z.reference();
        if (z.isTokens() || zIn.rank() < 1 || !floats(zIn, zRef, y.input(), y.reference(), mOut)) {
            return false;
        }
        long[] shape = zIn.shape();
        return Arrays.equals(y.input().shape(), shape) && Arrays.equals(mOut.shape(), shape)
                && Arrays.equals(y.reference().shape(), zRef.shape()) && sameRows(zIn, zRef)
                && (zRef.size(0) == 1 || zRef.size(0) == shape[0]);
    }

    /** True if the reference's rows ({@code [N or 1, ...]}) have the input's row shape. */
    static boolean sameRows(INDArray input, INDArray reference) {
        return input.rank() == reference.rank()
                && Arrays.equals(Arrays.copyOfRange(input.shape(), 1, input.rank()),
                Arrays.copyOfRange(reference.shape(), 1, reference.rank()));
    }

    /** {@code max|v|} over {@code [from, from + length)}, in float as ND4J's {@code amax} takes it. */
    static float maxAbs(FloatBuffer b, int from, int length, float[] scratch) {
        float max = 0f;
        for (int start = 0; start < length; start += BLOCK) {
            int len = Math.min(BLOCK, length - start);
            b.get(from + start, scratch, 0, len);
            for (int k = 0; k < len; k++) {
                max = Math.max(max, Math.abs(scratch[k]));
            }
        }
        return max;
    }

    /**
     * One example's sweep over {@code f} values of {@code a} (from {@code base}) and of its reference {@code b} (from
     * {@code refBase}), in blocks of the scratch arrays' length: {@code min |a − b|}, {@code max |a|} and
     * {@code max |b|} into {@code out[0..2]}, the statistics the tiny-divisor test and the scales need.
     */
    static void pairStats(FloatBuffer a, int base, FloatBuffer b, int refBase, int f, float[] sa, float[] sb,
                          float[] out) {
        float min = Float.POSITIVE_INFINITY;
        float maxA = 0f;
        float maxB = 0f;
        for (int start = 0; start < f; start += sa.length) {
            int len = Math.min(sa.length, f - start);
            a.get(base + start, sa, 0, len);
            b.get(refBase + start, sb, 0, len);
            for (int k = 0; k < len; k++) {
                min = Math.min(min, Math.abs(sa[k] - sb[k]));
                maxA = Math.max(maxA, Math.abs(sa[k]));
                maxB = Math.max(maxB, Math.abs(sb[k]));
            }
        }
        out[0] = min;
        out[1] = maxA;
        out[2] = maxB;
    }
}
