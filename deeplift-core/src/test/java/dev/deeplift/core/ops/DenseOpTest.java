package dev.deeplift.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A dense layer's two sides at once ({@link DenseOp#applyPair}) equal each side alone, to rounding: in one Java pass
 * over the weights for a small layer, through ND4J for a larger one; with a shared or a per-example reference, in
 * FLOAT and DOUBLE, with DL4J's column-major weights.
 */
class DenseOpTest {
    private static void assertPairEqualsSides(DenseOp op, INDArray x, INDArray ref, double tolerance) {
        INDArray[] both = op.applyPair(x, ref);
        INDArray[] alone = {op.apply(x), op.apply(ref)};
        for (int k = 0; k < 2; k++) {
            assertArrayEquals(alone[k].shape(), both[k].shape());
            double scale = 1 + alone[k].amaxNumber().doubleValue();
            double diff = alone[k].sub(both[k]).amaxNumber().doubleValue();
            assertTrue(diff <= tolerance * scale, "side " + k + " differs by " + diff + " (" + op + ", "
                    + x.size(0) + " rows)");
        }
    }

    @Test
    void bothSidesInOneProductEqualEachSideAlone() {
        Nd4j.getRandom().setSeed(12);
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            double tolerance = type == DataType.FLOAT ? 1e-5 : 1e-12;
            for (int[] size : new int[][] {{10, 3}, {300, 100}, {784, 300}}) {
                DenseOp op = new DenseOp(Nd4j.randn(type, size[0], size[1]).dup('f'), Nd4j.randn(type, 1, size[1]));
                for (int rows : new int[] {1, 3, 32, 65}) {
                    INDArray x = Nd4j.randn(type, rows, size[0]);
                    assertPairEqualsSides(op, x, Nd4j.randn(type, 1, size[0]), tolerance);
                    assertPairEqualsSides(op, x, Nd4j.randn(type, rows, size[0]), tolerance);
                }
            }
        }
    }
}
