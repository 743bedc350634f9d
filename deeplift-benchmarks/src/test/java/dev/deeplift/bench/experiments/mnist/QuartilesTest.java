package dev.deeplift.bench.experiments.mnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Quartiles by linear interpolation (NumPy's default), checked against hand computation. */
class QuartilesTest {

    @Test
    void interpolatesBetweenOrderStatistics() {
        Quartiles q = Quartiles.of(new double[] {4, 1, 3, 2});
        // positions 0.75, 1.5, 2.25 of 1, 2, 3, 4
        assertEquals(1.75, q.q1(), 1e-12);
        assertEquals(2.5, q.median(), 1e-12);
        assertEquals(3.25, q.q3(), 1e-12);
        assertEquals(1, q.min(), 0);
        assertEquals(4, q.max(), 0);
        assertEquals(2.5, q.mean(), 1e-12);
        assertEquals(4, q.count());
    }

    @Test
    void oddCountHasTheMiddleValueAsMedian() {
        Quartiles q = Quartiles.of(new double[] {10, -3, 7, 0, 5});
        assertEquals(5, q.median(), 0);
        assertEquals(0, q.q1(), 0);
        assertEquals(7, q.q3(), 0);
        assertEquals(7, q.iqr(), 0);
    }

    @Test
    void refusesNoValuesAndNaN() {
        assertThrows(IllegalArgumentException.class, () -> Quartiles.of(new double[0]));
        assertThrows(IllegalArgumentException.class, () -> Quartiles.of(new double[] {1, Double.NaN}));
    }
}
