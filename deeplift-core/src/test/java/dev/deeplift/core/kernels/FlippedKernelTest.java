package dev.deeplift.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The transposed convolution's kernel, copied in Java: channels swapped and each window turned by 180°, value for
 * value (signed zeros and non-finite values included), also from a parameter view at an offset as DL4J keeps its
 * weights; DOUBLE and other layouts are left to ND4J.
 */
class FlippedKernelTest {
    @Test
    void swapsChannelsAndTurnsEveryWindow() {
        for (long[] shape : new long[][] {{4, 3, 5, 5}, {2, 1, 3, 2}, {1, 2, 1, 7}}) {
            long n = shape[0] * shape[1] * shape[2] * shape[3];
            INDArray flat = Nd4j.randn(DataType.FLOAT, 1, n + 9);
            flat.putScalar(0, 5, -0f);
            flat.putScalar(0, 6, Float.NaN);
            INDArray weights = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + n)).reshape('c', shape);
            INDArray flipped = FlippedKernel.of(weights);
            assertArrayEquals(new long[] {shape[1], shape[0], shape[2], shape[3]}, flipped.shape());
            for (int o = 0; o < shape[0]; o++) {
                for (int i = 0; i < shape[1]; i++) {
                    for (int h = 0; h < shape[2]; h++) {
                        for (int w = 0; w < shape[3]; w++) {
                            float want = weights.getFloat(o, i, shape[2] - 1 - h, shape[3] - 1 - w);
                            float got = flipped.getFloat(i, o, h, w);
                            assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got),
                                    "(" + i + ", " + o + ", " + h + ", " + w + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void leavesToNd4jWhatItDoesNotHandle() {
        assertNull(FlippedKernel.of(Nd4j.randn(DataType.DOUBLE, 2, 3, 3, 3)), "DOUBLE");
        assertNull(FlippedKernel.of(Nd4j.randn(DataType.FLOAT, 3, 2, 3, 3).permute(1, 0, 2, 3)), "a permuted view");
        assertNull(FlippedKernel.of(Nd4j.randn(DataType.FLOAT, 3, 9)), "not a 4D kernel");
    }
}
