package dev.deeplift.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Small dense products in Java against the same products summed in double by hand: column-major weights that are
 * views into a larger flat parameter array at an offset (as DL4J keeps them), row-major weights, a bias, several
 * inputs in one pass, output counts that are and are not multiples of the eight computed together; and null for what
 * it leaves to ND4J (DOUBLE, products above its size, weights neither row- nor column-major); the bias add in place
 * with the bits of ND4J's broadcasting add.
 */
class SmallDenseTest {
    /** A {@code [nIn, nOut]} column-major view at {@code offset} of a flat FLOAT parameter row, as DL4J's. */
    private static INDArray parameterView(long offset, int nIn, int nOut) {
        INDArray flat = Nd4j.randn(DataType.FLOAT, 1, offset + (long) nIn * nOut + 7);
        return flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(offset, offset + (long) nIn * nOut))
                .reshape('f', nIn, nOut);
    }

    private static double[][] product(INDArray a, INDArray b) {
        double[][] out = new double[(int) a.size(0)][(int) b.size(1)];
        for (int i = 0; i < out.length; i++) {
            for (int j = 0; j < out[i].length; j++) {
                for (int k = 0; k < a.size(1); k++) {
                    out[i][j] += a.getDouble(i, k) * b.getDouble(k, j);
                }
            }
        }
        return out;
    }

    private static void assertClose(double[][] want, INDArray got, INDArray bias) {
        assertEquals(DataType.FLOAT, got.dataType());
        assertArrayEquals(new long[] {want.length, want[0].length}, got.shape());
        for (int i = 0; i < want.length; i++) {
            for (int j = 0; j < want[i].length; j++) {
                double w = want[i][j] + (bias == null ? 0.0 : bias.getDouble(j));
                assertEquals(w, got.getDouble(i, j), 1e-5 * (1 + Math.abs(w)), "(" + i + ", " + j + ")");
            }
        }
    }

    @Test
    void productsEqualThoseSummedByHand() {
        Nd4j.getRandom().setSeed(3);
        for (int[] size : new int[][] {{30, 16}, {37, 13}, {10, 3}, {5, 1}}) {
            INDArray view = parameterView(1234, size[0], size[1]);
            assertEquals(1234, view.offset(), "a view at an offset of its root buffer");
            INDArray rowMajor = view.dup('c');
            INDArray bias = Nd4j.randn(DataType.FLOAT, 1, size[1]);
            INDArray x = Nd4j.randn(DataType.FLOAT, 2, size[0]);
            INDArray ref = Nd4j.randn(DataType.FLOAT, 1, size[0]);
            INDArray m = Nd4j.randn(DataType.FLOAT, 2, size[1]);
            for (INDArray w : new INDArray[] {view, rowMajor}) {
                INDArray[] y = SmallDense.forward(w, bias, x, ref);
                assertNotNull(y, "applies to " + w.ordering() + "-order weights");
                assertClose(product(x, w), y[0], bias);
                assertClose(product(ref, w), y[1], bias);
                assertClose(product(x, w), SmallDense.forward(w, null, x)[0], null);
                assertClose(product(m, w.transpose()), SmallDense.backward(w, m), null);
            }
        }
    }

    @Test
    void leavesToNd4jWhatItDoesNotHandle() {
        INDArray w = Nd4j.randn(DataType.FLOAT, 300, 100);
        assertNotNull(SmallDense.forward(w, null, Nd4j.randn(DataType.FLOAT, 2, 300)), "60 000 multiply-adds");
        assertNull(SmallDense.forward(w, null, Nd4j.randn(DataType.FLOAT, 3, 300)), "90 000: ND4J's BLAS");
        assertNull(SmallDense.backward(w, Nd4j.randn(DataType.FLOAT, 3, 100)));
        INDArray d = Nd4j.randn(DataType.DOUBLE, 10, 3);
        assertNull(SmallDense.forward(d, null, Nd4j.randn(DataType.DOUBLE, 1, 10)), "DOUBLE");
        INDArray strided = Nd4j.randn(DataType.FLOAT, 10, 6).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 6));
        assertNull(SmallDense.forward(strided, null, Nd4j.randn(DataType.FLOAT, 1, 10)), "every other column");
    }

    @Test
    void biasAddHasTheBitsOfNd4jsBroadcastingAdd() {
        INDArray bias = parameterView(5, 1, 7); // a [1, 7] view at an offset, as DL4J's bias
        INDArray y = Nd4j.randn(DataType.FLOAT, 4, 7);
        INDArray want = y.add(bias);
        assertEquals(true, SmallDense.addBias(y, bias));
        float[] w = want.dup().data().asFloat();
        float[] g = y.dup().data().asFloat();
        for (int k = 0; k < w.length; k++) {
            assertEquals(Float.floatToRawIntBits(w[k]), Float.floatToRawIntBits(g[k]), "at " + k);
        }
        INDArray doubles = Nd4j.randn(DataType.DOUBLE, 2, 3);
        INDArray before = doubles.dup();
        assertEquals(false, SmallDense.addBias(doubles, Nd4j.ones(DataType.DOUBLE, 1, 3)), "DOUBLE: ND4J's add");
        assertEquals(before, doubles, "and nothing changed");
        assertEquals(false, SmallDense.addBias(Nd4j.randn(DataType.FLOAT, 2, 3), Nd4j.ones(DataType.FLOAT, 1, 4)));
        assertEquals(false, SmallDense.addBias(Nd4j.randn(DataType.FLOAT, 3, 2).transpose(),
                Nd4j.ones(DataType.FLOAT, 1, 3)), "a column-major output is not written in place");
    }
}
