package dev.deeplift.core.genomics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** One-hot encoding of DNA: layout, round trips, N and other characters, refusals. */
class OneHotTest {

    @Test
    void encodesChannelsLastInTheOrderACGT() {
        INDArray x = OneHot.encode("GATC", DataType.FLOAT);
        assertEquals(DataType.FLOAT, x.dataType());
        assertArrayEquals(new long[] {4, 4}, x.shape());
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 0, 1, 0}, {1, 0, 0, 0}, {0, 0, 0, 1}, {0, 1, 0, 0}}), x);
    }

    @Test
    void roundTripsASequenceAndABatch() {
        String s = "ACGTTGCAAACCGGTT";
        assertEquals(s, OneHot.decode(OneHot.encode(s, DataType.DOUBLE)));
        List<String> batch = List.of("ACGTA", "TTTTT", "GACNA");
        INDArray x = OneHot.encode(batch, DataType.FLOAT);
        assertArrayEquals(new long[] {3, 5, 4}, x.shape());
        assertEquals(batch, OneHot.decodeAll(x));
        assertEquals(batch.get(2), OneHot.decode(x.get(NDArrayIndex.point(2), NDArrayIndex.all(),
                NDArrayIndex.all())));
    }

    @Test
    void nAndOtherCharactersAreAllZeroRowsAndLowerCaseIsABase() {
        INDArray x = OneHot.encode("aNc-X", DataType.INT8);
        assertEquals(DataType.INT8, x.dataType());
        assertArrayEquals(new double[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                x.castTo(DataType.DOUBLE).reshape(20).toDoubleVector(), 0.0);
        assertEquals("ANCNN", OneHot.decode(x));
        assertEquals(-1, OneHot.index('N'));
        assertEquals(3, OneHot.index('t'));
    }

    @Test
    void refusesBatchesOfUnequalLengthAndRowsThatAreNotOneHot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OneHot.encode(List.of("ACGT", "ACGTA"), DataType.FLOAT));
        assertTrue(e.getMessage().contains("Sequence 1"), e.getMessage());
        INDArray soft = Nd4j.createFromArray(new double[][] {{1, 0, 0, 0}, {0.5, 0.5, 0, 0}});
        IllegalArgumentException d = assertThrows(IllegalArgumentException.class, () -> OneHot.decode(soft));
        assertTrue(d.getMessage().contains("position 1"), d.getMessage());
        INDArray twoHot = Nd4j.createFromArray(new double[][] {{1, 0, 1, 0}});
        assertThrows(IllegalArgumentException.class, () -> OneHot.decode(twoHot));
    }
}
