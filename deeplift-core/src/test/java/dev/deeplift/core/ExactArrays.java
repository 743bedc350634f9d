package dev.deeplift.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Bit-for-bit comparison of arrays for tests. {@code assertEquals} on two {@code INDArray}s is not enough: ND4J's
 * {@code equals} allows a difference of {@code Nd4j.EPS_THRESHOLD} (1e-5).
 */
public final class ExactArrays {
    private ExactArrays() {
    }

    /** Same shape, data type and values. */
    public static void assertSameValues(INDArray expected, INDArray actual, String message) {
        assertArrayEquals(expected.shape(), actual.shape(), message + ": shape");
        assertEquals(expected.dataType(), actual.dataType(), message + ": data type");
        assertArrayEquals(expected.dup('c').data().asDouble(), actual.dup('c').data().asDouble(), 0.0, message);
    }
}
