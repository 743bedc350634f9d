package dev.deeplift.core.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Per-example sums of a FLOAT or DOUBLE {@code [N, ...]} array (or of its absolute values), taken in double in one
 * pass over its buffer, example by example: what the summation check needs of the scores, without an ND4J reduction
 * and its copy back (on one example they cost more than the sums).
 */
public final class RowSums {
    private RowSums() {
    }

    /**
     * {@code Σ a[i, ...]} (or {@code Σ |a[i, ...]|}) per example {@code i}, or null where this pass does not apply
     * (other data types, layouts it does not read in place, Java paths {@linkplain Kernels#javaPaths() off}).
     */
    public static double[] of(INDArray a, boolean absolute) {
        if (!Kernels.javaPaths() || a.rank() < 1 || a.isEmpty() || a.length() > Integer.MAX_VALUE) {
            return null;
        }
        int n = (int) a.size(0);
        int f = (int) (a.length() / n);
        // One loop for both types: a FLOAT block is widened to double first (exactly), then summed alike.
        FloatBuffer floats = a.dataType() == DataType.FLOAT ? DenseFloats.write(a) : null;
        DoubleBuffer doubles = a.dataType() == DataType.DOUBLE ? DenseFloats.plainDoubles(a) : null;
        if (floats == null && doubles == null) {
            return null;
        }
        double[] sums = new double[n];
        KernelPool.forExamples(n, a.length(), (from, to) -> {
            double[] block = new double[Math.min(f, DenseFloats.BLOCK)];
            float[] narrow = floats == null ? null : new float[block.length];
            for (int i = from; i < to; i++) {
                double s0 = 0;
                double s1 = 0;
                for (int start = 0; start < f; start += block.length) {
                    int len = Math.min(block.length, f - start);
                    if (floats != null) {
                        floats.get(i * f + start, narrow, 0, len);
                        for (int k = 0; k < len; k++) {
                            block[k] = narrow[k];
                        }
                    } else {
                        doubles.get(i * f + start, block, 0, len);
                    }
                    int k = 0;
                    for (; k + 1 < len; k += 2) {
                        s0 += absolute ? Math.abs(block[k]) : block[k];
                        s1 += absolute ? Math.abs(block[k + 1]) : block[k + 1];
                    }
                    if (k < len) {
                        s0 += absolute ? Math.abs(block[k]) : block[k];
                    }
                }
                sums[i] = s0 + s1;
            }
        });
        return sums;
    }
}
