package dev.deeplift.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The input check's pass over the buffer: true for finite values (the largest, the smallest subnormal, zeros of both
 * signs), false for a NaN, +Inf or −Inf anywhere (first, last, past a block boundary), in FLOAT and DOUBLE; null for
 * what it leaves to ND4J.
 */
class FiniteCheckTest {
    @Test
    void findsEveryNonFiniteValueWherever() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            int length = 40_000;
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                for (int at : new int[] {0, 16_384, length - 1}) {
                    INDArray a = Nd4j.rand(type, 4, length / 4);
                    assertEquals(Boolean.TRUE, FiniteCheck.allFinite(a));
                    a.putScalar(at, bad);
                    assertEquals(Boolean.FALSE, FiniteCheck.allFinite(a), type + " " + bad + " at " + at);
                }
            }
            double largest = type == DataType.FLOAT ? Float.MAX_VALUE : Double.MAX_VALUE;
            double tiny = type == DataType.FLOAT ? Float.MIN_VALUE : Double.MIN_VALUE;
            INDArray edge = Nd4j.createFromArray(largest, -largest, tiny, -0.0, 0.0).castTo(type).reshape(1, 5);
            assertEquals(Boolean.TRUE, FiniteCheck.allFinite(edge), type + ": extremes are finite");
        }
    }

    @Test
    void leavesToNd4jWhatItDoesNotReadInPlace() {
        assertNull(FiniteCheck.allFinite(Nd4j.rand(DataType.FLOAT, 3, 4).dup('f').transpose().dup('f')));
        assertNull(FiniteCheck.allFinite(Nd4j.rand(DataType.HALF, 3, 4)));
    }
}
