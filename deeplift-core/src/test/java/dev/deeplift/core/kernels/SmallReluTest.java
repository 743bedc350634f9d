package dev.deeplift.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The Java ReLU gives the bits of ND4J's {@code relu} (−0 and NaN pass, negatives become +0), also on a row view at
 * an offset, and leaves to ND4J what it does not handle.
 */
class SmallReluTest {
    @Test
    void reluHasTheBitsOfNd4js() {
        INDArray z = Nd4j.createFromArray(new float[] {-1.5f, -0f, 0f, 2.25f, Float.NaN, -Float.MIN_VALUE,
            Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY}).reshape(2, 4);
        INDArray stacked = Nd4j.concat(0, Nd4j.randn(DataType.FLOAT, 3, 4), z);
        for (INDArray a : new INDArray[] {z, stacked.get(NDArrayIndex.interval(3, 5), NDArrayIndex.all())}) {
            INDArray want = Transforms.relu(a, true);
            INDArray got = SmallRelu.of(a);
            assertArrayEquals(want.shape(), got.shape());
            float[] w = want.dup().data().asFloat();
            float[] g = got.dup().data().asFloat();
            for (int i = 0; i < w.length; i++) {
                assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(g[i]), "at " + i + ": " + w[i]);
            }
        }
        assertNull(SmallRelu.of(Nd4j.randn(DataType.DOUBLE, 2, 3)), "DOUBLE keeps ND4J's op");
        assertNull(SmallRelu.of(Nd4j.randn(DataType.FLOAT, 2, SmallRelu.MAX_VALUES)), "large arrays too");
    }
}
