package dev.deeplift.core.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class RatiosTest {

    @Test
    void dividesWhereTheDivisorIsLargeAndFallsBackWhereItIsTiny() {
        var num = Nd4j.createFromArray(6.0, 1e-13, 0.0, -3.0);
        var den = Nd4j.createFromArray(2.0, 1e-12, 0.0, -1.0);
        var r = Ratios.safeRatio(num.reshape(1, 4), den.reshape(1, 4), new double[] {1.0}, 1e-10, () -> Nd4j.createFromArray(10.0, 20.0, 30.0, 40.0).reshape(1, 4));
        assertArrayEquals(new double[] {3.0, 20.0, 30.0, 3.0}, r.toDoubleVector(), 1e-12);
    }

    @Test
    void theThresholdIsRelativeToTheMagnitudeOfTheValues() {
        var num = Nd4j.createFromArray(2e-20, 2e-20);
        var den = Nd4j.createFromArray(1e-20, 1e-20);
        assertArrayEquals(new double[] {2.0, 2.0}, Ratios.safeRatio(num.reshape(1, 2), den.reshape(1, 2), new double[] {1e-20}, 1e-10,
                () -> Nd4j.createFromArray(-1.0, -1.0).reshape(1, 2)).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {-1.0, -1.0}, Ratios.safeRatio(num.reshape(1, 2), den.reshape(1, 2), new double[] {1e10}, 1e-10,
                () -> Nd4j.createFromArray(-1.0, -1.0).reshape(1, 2)).toDoubleVector(), 1e-12);
    }

    @Test
    void doesNotComputeTheFallbackWhenNoDivisorIsTiny() {
        var r = Ratios.safeRatio(Nd4j.createFromArray(1.0f, 4.0f).reshape(1, 2),
                Nd4j.createFromArray(2.0f, 2.0f).reshape(1, 2), new double[] {4.0}, 1e-6,
                () -> {
                    throw new AssertionError("fallback computed");
                });
        assertArrayEquals(new float[] {0.5f, 2.0f}, r.toFloatVector(), 0f);
    }

    @Test
    void eachExampleIsJudgedAgainstItsOwnScale() {
        // Example 0 has a divisor of 1e-8 next to values of 1: a quotient. Beside it, example 1 has values of 1e10;
        // a batch-wide scale would have turned example 0's quotient into its fallback.
        var num = Nd4j.createFromArray(new double[][] {{2e-8, 4.0}, {5e9, 1e9}});
        var den = Nd4j.createFromArray(new double[][] {{1e-8, 2.0}, {1e10, 1e9}});
        var r = Ratios.safeRatio(num, den, new double[] {1.0, 1e10}, 1e-10,
                () -> Nd4j.createFromArray(new double[][] {{-1.0, -1.0}, {-1.0, -1.0}}));
        assertArrayEquals(new double[] {2.0, 2.0, 0.5, 1.0}, r.reshape(4).toDoubleVector(), 1e-12);
        // Alone, example 0 gives the same.
        var alone = Ratios.safeRatio(num.getRow(0, true), den.getRow(0, true), new double[] {1.0}, 1e-10,
                () -> Nd4j.createFromArray(new double[][] {{-1.0, -1.0}}));
        assertArrayEquals(new double[] {2.0, 2.0}, alone.reshape(2).toDoubleVector(), 1e-12);
    }

    @Test
    void aTinyDivisorInOneExampleFallsBackThereOnly() {
        var num = Nd4j.createFromArray(new double[][] {{3.0, 1e-13}, {6.0, 8.0}});
        var den = Nd4j.createFromArray(new double[][] {{1.0, 1e-12}, {2.0, 4.0}});
        var r = Ratios.safeRatio(num, den, new double[] {1.0, 4.0}, 1e-10,
                () -> Nd4j.createFromArray(new double[][] {{7.0, 9.0}, {7.0, 9.0}}));
        assertArrayEquals(new double[] {3.0, 9.0, 3.0, 2.0}, r.reshape(4).toDoubleVector(), 1e-12);
    }
    @Test
    void aTinyDivisorOfExactlyMinusOneTakesTheFallbackNotNaN() {
        // Values around 1e5 in FLOAT (ε = 1e-5) make the threshold 2: a divisor of −1 is tiny, and a shift of 1
        // would have divided by 0.
        var num = Nd4j.createFromArray(new float[][] {{-0.5f, 4.0f, 0.0f}});
        var den = Nd4j.createFromArray(new float[][] {{-1.0f, 8.0f, -2.0f}});
        var r = Ratios.safeRatio(num, den, new double[] {2e5}, 1e-5,
                () -> Nd4j.createFromArray(new float[][] {{0.25f, 0.75f, 0.125f}}));
        assertArrayEquals(new float[] {0.25f, 0.5f, 0.125f}, r.toFloatVector(), 1e-7f);
    }
}
