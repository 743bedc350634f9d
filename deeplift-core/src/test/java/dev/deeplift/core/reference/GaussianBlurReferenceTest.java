package dev.deeplift.core.reference;

import dev.deeplift.core.Layout;
import static dev.deeplift.core.ExactArrays.assertSameValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The Gaussian-blur reference against values computed from the Gaussian's formula. */
class GaussianBlurReferenceTest {

    /** {@code exp(−k²/2σ²)} for {@code |k| ≤ radius}, normalised: the kernel, computed apart from the code under test. */
    private static double gauss(int k, double sigma, int radius) {
        double sum = 0;
        for (int j = -radius; j <= radius; j++) {
            sum += Math.exp(-j * j / (2 * sigma * sigma));
        }
        return Math.abs(k) > radius ? 0.0 : Math.exp(-k * k / (2 * sigma * sigma)) / sum;
    }

    @ParameterizedTest
    @EnumSource(value = Layout.class, names = {"NCHW", "NHWC"})
    void aConstantImageStaysConstant(Layout layout) {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            long[] shape = layout == Layout.NCHW ? new long[] {2, 3, 9, 7} : new long[] {2, 9, 7, 3};
            INDArray x = Nd4j.zeros(dt, shape).addi(0.7);
            INDArray blurred = Reference.gaussianBlur(2.5, layout).forInput(x).single();
            assertEquals(dt, blurred.dataType());
            assertArrayEquals(shape, blurred.shape());
            double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-6;
            assertTrue(blurred.sub(0.7).amaxNumber().doubleValue() < tol, layout + " " + dt);
        }
    }

    @Test
    void aDeltaBecomesANormalisedGaussian() {
        double sigma = 1.5;
        int radius = 6; // ceil(4σ)
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 2, 21, 23);
        x.putScalar(new long[] {0, 1, 10, 11}, 1.0);
        INDArray b = Reference.gaussianBlur(sigma, Layout.NCHW).forInput(x).single();
        for (int y = 0; y < 21; y++) {
            for (int w = 0; w < 23; w++) {
                double expected = gauss(y - 10, sigma, radius) * gauss(w - 11, sigma, radius);
                assertEquals(expected, b.getDouble(0, 1, y, w), 1e-15, "at " + y + ", " + w);
                assertEquals(0.0, b.getDouble(0, 0, y, w), 0.0, "channel 0 must stay untouched");
            }
        }
        assertEquals(1.0, b.sumNumber().doubleValue(), 1e-12);
        assertEquals(0.0, b.getDouble(0, 1, 10, 11 + radius + 1), 0.0, "the kernel ends at ceil(4σ)");
        assertTrue(b.getDouble(0, 1, 10, 11 + radius) > 0);
    }

    @Test
    void edgesAreReflectedSoACornerKeepsItsMass() {
        double sigma = 1.0;
        INDArray x = Nd4j.zeros(DataType.DOUBLE, 1, 8, 8, 1);
        x.putScalar(new long[] {0, 0, 0, 0}, 1.0);
        INDArray b = Reference.gaussianBlur(sigma, Layout.NHWC).forInput(x).single();
        assertEquals(1.0, b.sumNumber().doubleValue(), 1e-12);
        // Half-sample reflection: pixel 0 also receives what left through the edge at offset −1.
        double g01 = gauss(0, sigma, 4) + gauss(1, sigma, 4);
        assertEquals(g01 * g01, b.getDouble(0, 0, 0, 0), 1e-15);
        double g12 = gauss(1, sigma, 4) + gauss(2, sigma, 4);
        assertEquals(g01 * g12, b.getDouble(0, 0, 1, 0), 1e-15);
    }

    @Test
    void layoutsAgreeAndEachImageIsBlurredOnItsOwn() {
        Nd4j.getRandom().setSeed(3);
        INDArray nchw = Nd4j.rand(DataType.DOUBLE, 3, 2, 10, 6);
        ReferenceSet first = Reference.gaussianBlur(1.2, Layout.NCHW).forInput(nchw);
        INDArray nhwc = nchw.permute(0, 2, 3, 1).dup();
        INDArray last = Reference.gaussianBlur(1.2, Layout.NHWC).forInput(nhwc).single();
        assertTrue(first.single().permute(0, 2, 3, 1).equalsWithEps(last, 1e-14));
        assertEquals(1, first.perExample());
        for (int i = 0; i < 3; i++) {
            assertSameValues(first.single().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(i, i + 1)),
                    first.get(i, 0, 1), "image " + i);
        }
    }

    @Test
    void badSigmaOrShapeIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Reference.gaussianBlur(0.0, Layout.NCHW));
        assertThrows(IllegalArgumentException.class, () -> Reference.gaussianBlur(Double.NaN, Layout.NCHW));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Reference.gaussianBlur(1.0, Layout.NCHW).forInput(Nd4j.zeros(DataType.FLOAT, 2, 9)));
        assertTrue(e.getMessage().contains("[N, C, H, W]"), e.getMessage());
    }
}
