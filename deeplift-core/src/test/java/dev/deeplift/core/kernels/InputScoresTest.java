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
 * An input's scores {@code m · (x − ref)} in Java have the bits of ND4J's {@code sub} then {@code mul}, against a
 * shared and a per-example reference, on views at an offset and over pool-sized batches; what it does not handle it
 * leaves to ND4J.
 */
class InputScoresTest {
    @Test
    void scoresHaveTheBitsOfNd4jsSubThenMul() {
        for (int n : new int[] {1, 3, 300}) {
            INDArray x = Nd4j.randn(DataType.FLOAT, n, 2, 5).muli(7);
            INDArray m = Nd4j.randn(DataType.FLOAT, n, 2, 5);
            INDArray shared = Nd4j.randn(DataType.FLOAT, 1, 2, 5);
            INDArray perExample = Nd4j.randn(DataType.FLOAT, n, 2, 5);
            for (INDArray ref : new INDArray[] {shared, perExample}) {
                assertSameBits(m.mul(x.sub(ref)), InputScores.of(m, x, ref));
            }
        }
        // Signed zeros, infinities and NaN go through the same float operations.
        INDArray x = Nd4j.createFromArray(new float[] {0f, -0f, 1f, Float.POSITIVE_INFINITY, 2f, 3.5f}).reshape(1, 6);
        INDArray ref = Nd4j.createFromArray(new float[] {-0f, 0f, 1f, Float.POSITIVE_INFINITY, Float.NaN, 1e-30f})
                .reshape(1, 6);
        INDArray m = Nd4j.createFromArray(new float[] {-1f, 1f, -2f, 1f, 1f, 3e-20f}).reshape(1, 6);
        assertSameBits(m.mul(x.sub(ref)), InputScores.of(m, x, ref));
    }

    @Test
    void readsRowViewsAtAnOffsetInPlace() {
        INDArray stacked = Nd4j.randn(DataType.FLOAT, 6, 4);
        INDArray x = stacked.get(NDArrayIndex.interval(2, 5), NDArrayIndex.all());
        INDArray ref = stacked.get(NDArrayIndex.interval(5, 6), NDArrayIndex.all());
        INDArray m = Nd4j.randn(DataType.FLOAT, 3, 4);
        assertSameBits(m.mul(x.sub(ref)), InputScores.of(m, x, ref));
    }

    @Test
    void leavesToNd4jWhatItDoesNotHandle() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 3, 4);
        assertNull(InputScores.of(Nd4j.randn(DataType.DOUBLE, 3, 4), x.castTo(DataType.DOUBLE),
                Nd4j.zeros(DataType.DOUBLE, 1, 4)), "DOUBLE keeps ND4J's ops");
        assertNull(InputScores.of(Nd4j.randn(DataType.FLOAT, 3, 4), x, Nd4j.zeros(DataType.FLOAT, 2, 4)),
                "two reference rows for three examples");
        assertNull(InputScores.of(Nd4j.randn(DataType.FLOAT, 3, 5), x, Nd4j.zeros(DataType.FLOAT, 1, 4)),
                "multipliers of another shape");
        assertNull(InputScores.of(Nd4j.randn(DataType.FLOAT, 4, 3).transpose(), x, Nd4j.zeros(DataType.FLOAT, 1, 4)),
                "a column-major multiplier view is not read in place");
    }

    private static void assertSameBits(INDArray want, INDArray got) {
        assertArrayEquals(want.shape(), got.shape());
        float[] w = want.dup().data().asFloat();
        float[] g = got.dup().data().asFloat();
        for (int i = 0; i < w.length; i++) {
            assertEquals(Float.floatToRawIntBits(w[i]), Float.floatToRawIntBits(g[i]), "at " + i + ": " + w[i]);
        }
    }
}
