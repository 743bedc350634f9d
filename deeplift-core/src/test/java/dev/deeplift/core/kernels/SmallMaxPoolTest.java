package dev.deeplift.core.kernels;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.deeplift.core.ops.CustomOps;
import dev.deeplift.core.ops.Window2D;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The Java max-pool gives libnd4j's {@code maxpool2d} values over non-overlapping windows (square, along one axis,
 * sizes that do and do not divide the input in truncate mode, a batch view at an offset), and leaves to ND4J the
 * windows and arrays it does not handle.
 */
class SmallMaxPoolTest {
    private static Window2D pool(int kH, int kW, boolean same) {
        return new Window2D(kH, kW, kH, kW, 0, 0, 1, 1, same, false);
    }

    @Test
    void windowMaximaEqualNd4jsMaxPool() {
        Nd4j.getRandom().setSeed(11);
        INDArray batch = Nd4j.randn(DataType.FLOAT, 3, 5, 24, 24);
        INDArray view = batch.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all(),
                NDArrayIndex.all());
        Object[][] cases = {
            {Nd4j.randn(DataType.FLOAT, 1, 32, 24, 24), pool(2, 2, false)},
            {Nd4j.randn(DataType.FLOAT, 2, 3, 13, 11), pool(2, 3, false)},
            {Nd4j.randn(DataType.FLOAT, 1, 64, 1000, 1), pool(4, 1, true)},
            {Nd4j.randn(DataType.FLOAT, 1, 4, 999, 1), pool(3, 1, false)},
            {view, pool(2, 2, false)},
        };
        for (Object[] c : cases) {
            INDArray x = (INDArray) c[0];
            Window2D w = (Window2D) c[1];
            INDArray want = CustomOps.first("maxpool2d", false, new INDArray[] {x}, w.poolArgs(0));
            INDArray got = SmallMaxPool.of(x, w);
            assertArrayEquals(want.shape(), got.shape(), w.toString());
            float[] a = want.dup().data().asFloat();
            float[] b = got.dup().data().asFloat();
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 0f, w + " at " + i);
            }
        }
    }

    @Test
    void leavesToNd4jWhatItDoesNotHandle() {
        INDArray x = Nd4j.randn(DataType.FLOAT, 1, 2, 8, 8);
        assertNull(SmallMaxPool.of(x.castTo(DataType.DOUBLE), pool(2, 2, false)), "DOUBLE");
        assertNull(SmallMaxPool.of(x, new Window2D(3, 3, 2, 2, 0, 0, 1, 1, false, false)), "overlapping windows");
        assertNull(SmallMaxPool.of(x, new Window2D(2, 2, 2, 2, 1, 1, 1, 1, false, false)), "padding");
        assertNull(SmallMaxPool.of(x, new Window2D(2, 2, 2, 2, 0, 0, 1, 1, false, true)), "channels last");
        assertNull(SmallMaxPool.of(Nd4j.randn(DataType.FLOAT, 1, 3, 7, 7), pool(2, 2, true)), "same mode pads 7");
        assertNull(SmallMaxPool.of(Nd4j.randn(DataType.FLOAT, 3, 32, 32, 32), pool(2, 2, false)), "large arrays");
    }
}
