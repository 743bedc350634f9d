package dev.deeplift.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** The summation check's per-example sums equal those summed by hand, and leave to ND4J what they do not read. */
class RowSumsTest {
    @Test
    void rowSumsEqualThoseByHand() {
        for (DataType type : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            INDArray a = Nd4j.randn(type, 5, 3, 7);
            double[] sums = RowSums.of(a, false);
            double[] magnitudes = RowSums.of(a, true);
            for (int i = 0; i < 5; i++) {
                double s = 0;
                double m = 0;
                for (double v : a.get(NDArrayIndex.point(i)).dup().data().asDouble()) {
                    s += v;
                    m += Math.abs(v);
                }
                assertEquals(s, sums[i], 1e-12 * (1 + m), type + " sum " + i);
                assertEquals(m, magnitudes[i], 1e-12 * (1 + m), type + " magnitude " + i);
            }
        }
        assertNull(RowSums.of(Nd4j.randn(DataType.FLOAT, 4, 3).dup('f'), false), "not row-major");
        assertNull(RowSums.of(Nd4j.randn(DataType.HALF, 4, 3), false), "HALF");
    }
}
