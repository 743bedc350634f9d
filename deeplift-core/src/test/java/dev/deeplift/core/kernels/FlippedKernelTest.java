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
 * value (signed zeros and non-finite values included) in each of libnd4j's three weights formats, also from a
 * parameter view at an offset as DL4J keeps its weights; DOUBLE and other layouts are left to ND4J.
 */
class FlippedKernelTest {
    @Test
    void swapsChannelsAndTurnsEveryWindowInEveryFormat() {
        // oC, iC, kH, kW
        for (long[] size : new long[][] {{4, 3, 5, 5}, {2, 1, 3, 2}, {1, 2, 1, 7}, {3, 4, 1, 11}}) {
            long oC = size[0];
            long iC = size[1];
            long kH = size[2];
            long kW = size[3];
            for (int format = 0; format <= 2; format++) {
                long[] shape = switch (format) {
                    case 0 -> new long[] {kH, kW, iC, oC};
                    case 1 -> new long[] {oC, iC, kH, kW};
                    default -> new long[] {oC, kH, kW, iC};
                };
                long n = oC * iC * kH * kW;
                INDArray flat = Nd4j.randn(DataType.FLOAT, 1, n + 9);
                flat.putScalar(0, 5, -0f);
                flat.putScalar(0, 6, Float.NaN);
                INDArray weights = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(5, 5 + n))
                        .reshape('c', shape);
                INDArray flipped = FlippedKernel.of(weights, format);
                assertArrayEquals(new long[] {iC, oC, kH, kW}, flipped.shape());
                for (int o = 0; o < oC; o++) {
                    for (int i = 0; i < iC; i++) {
                        for (int h = 0; h < kH; h++) {
                            for (int w = 0; w < kW; w++) {
                                long fh = kH - 1 - h;
                                long fw = kW - 1 - w;
                                float want = switch (format) {
                                    case 0 -> weights.getFloat(fh, fw, i, o);
                                    case 1 -> weights.getFloat(o, i, fh, fw);
                                    default -> weights.getFloat(o, fh, fw, i);
                                };
                                float got = flipped.getFloat(i, o, h, w);
                                assertEquals(Float.floatToRawIntBits(want), Float.floatToRawIntBits(got),
                                        "format " + format + " (" + i + ", " + o + ", " + h + ", " + w + ")");
                            }
                        }
                    }
                }
            }
        }
    }

    @Test
    void leavesToNd4jWhatItDoesNotHandle() {
        assertNull(FlippedKernel.of(Nd4j.randn(DataType.DOUBLE, 2, 3, 3, 3), 1), "DOUBLE");
        assertNull(FlippedKernel.of(Nd4j.randn(DataType.FLOAT, 3, 2, 3, 3).permute(1, 0, 2, 3), 1), "a permuted view");
        assertNull(FlippedKernel.of(Nd4j.randn(DataType.FLOAT, 3, 9), 1), "not a 4D kernel");
        assertNull(FlippedKernel.of(Nd4j.randn(DataType.FLOAT, 2, 3, 3, 3), 3), "no such format");
    }
}
