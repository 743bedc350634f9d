package dev.deeplift.core.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RatiosTest {

    @Test
    void dividesWhereTheDivisorIsLargeAndFallsBackWhereItIsTiny() {
        var num = Nd4j.createFromArray(6.0, 1e-13, 0.0, -3.0);
        var den = Nd4j.createFromArray(2.0, 1e-12, 0.0, -1.0);
        var r = Ratios.safeRatio(num, den, 1.0, 1e-10, () -> Nd4j.createFromArray(10.0, 20.0, 30.0, 40.0));
        assertArrayEquals(new double[] {3.0, 20.0, 30.0, 3.0}, r.toDoubleVector(), 1e-12);
    }

    @Test
    void theThresholdIsRelativeToTheMagnitudeOfTheValues() {
        var num = Nd4j.createFromArray(2e-20, 2e-20);
        var den = Nd4j.createFromArray(1e-20, 1e-20);
        assertArrayEquals(new double[] {2.0, 2.0}, Ratios.safeRatio(num, den, 1e-20, 1e-10,
                () -> Nd4j.createFromArray(-1.0, -1.0)).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {-1.0, -1.0}, Ratios.safeRatio(num, den, 1e10, 1e-10,
                () -> Nd4j.createFromArray(-1.0, -1.0)).toDoubleVector(), 1e-12);
    }

    @Test
    void doesNotComputeTheFallbackWhenNoDivisorIsTiny() {
        var r = Ratios.safeRatio(Nd4j.createFromArray(1.0f, 4.0f), Nd4j.createFromArray(2.0f, 2.0f),
                4.0, 1e-6,
                () -> {
                    throw new AssertionError("fallback computed");
                });
        assertArrayEquals(new float[] {0.5f, 2.0f}, r.toFloatVector(), 0f);
    }
}
