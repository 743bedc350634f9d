package dev.deeplift.core.reference;

import static dev.deeplift.core.ExactArrays.assertSameValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The single references and the background distribution: shapes, values, sharing and checks. */
class ReferenceTest {
    private final INDArray x = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(4, 2, 3);

    @Test
    void zerosAndConstantAreOneSharedReferenceOfTheInputsType() {
        ReferenceSet z = Reference.zeros().forInput(x);
        assertTrue(z.shared());
        assertEquals(1, z.perExample());
        assertEquals(4, z.examples());
        assertSameValues(Nd4j.zeros(DataType.FLOAT, 1, 2, 3), z.single(), "zeros");
        INDArray c = Reference.constant(-1.5).forInput(x.castTo(DataType.DOUBLE)).get(3, 0, 1);
        assertSameValues(Nd4j.zeros(DataType.DOUBLE, 1, 2, 3).subi(1.5), c, "constant");
        assertThrows(IllegalArgumentException.class, () -> Reference.constant(Double.NaN));
    }

    @Test
    void meanIsTheDatasetMeanOverItsFirstAxis() {
        INDArray dataset = Nd4j.createFromArray(new double[][] {{1, 2, 3}, {3, 6, 9}});
        INDArray input = Nd4j.zeros(DataType.FLOAT, 5, 3);
        ReferenceSet m = Reference.mean(dataset).forInput(input);
        assertTrue(m.shared());
        assertSameValues(Nd4j.createFromArray(new float[][] {{2, 4, 6}}), m.single(), "mean");
        assertThrows(IllegalArgumentException.class, () -> Reference.mean(dataset).forInput(Nd4j.zeros(5, 4)));
        assertThrows(IllegalArgumentException.class, () -> Reference.mean(Nd4j.zeros(DataType.FLOAT, 0, 3)));
    }

    @Test
    void ofSharesOneRowOrGivesEachExampleItsRowAndCopiesTheArray() {
        INDArray one = Nd4j.ones(DataType.FLOAT, 1, 2, 3);
        Reference shared = Reference.of(one);
        one.addi(5); // the reference took a copy
        ReferenceSet s = shared.forInput(x);
        assertTrue(s.shared());
        assertSameValues(Nd4j.ones(DataType.FLOAT, 1, 2, 3), s.get(2, 0, 1), "shared copy");

        INDArray rows = x.mul(2);
        ReferenceSet p = Reference.of(rows).forInput(x);
        assertFalse(p.shared());
        assertSameValues(rows, p.single(), "per example");
        assertEquals(rows.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)), p.get(2, 0, 1));
        assertEquals(rows, Reference.perExample(rows).forInput(x).single());

        var e = assertThrows(IllegalArgumentException.class, () -> Reference.of(x.mul(2)).forInput(x.get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 3)).dup()));
        assertTrue(e.getMessage().contains("3 examples"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Reference.perExample(Nd4j.ones(DataType.FLOAT, 1, 2, 3))
                .forInput(x));
        assertThrows(IllegalArgumentException.class, () -> Reference.of(Nd4j.ones(DataType.FLOAT, 1, 3, 2))
                .forInput(x));
        assertThrows(IllegalArgumentException.class, () -> Reference.of(null));
    }

    @Test
    void backgroundPairsEveryExampleWithEverySampleWithoutCopies() {
        INDArray samples = Nd4j.arange(30).castTo(DataType.DOUBLE).reshape(5, 2, 3);
        ReferenceSet b = Reference.background(samples).forInput(x);
        assertEquals(5, b.perExample());
        assertTrue(b.shared());
        assertEquals(DataType.FLOAT, b.get(0, 0, 5).dataType());
        assertSameValues(samples.castTo(DataType.FLOAT), b.get(3, 0, 5), "background");
        assertEquals(samples.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(1, 4)).castTo(DataType.FLOAT),
                b.get(0, 1, 4));
        assertThrows(IllegalStateException.class, b::single);
    }

    @Test
    void getChecksItsRange() {
        ReferenceSet b = Reference.background(Nd4j.zeros(DataType.FLOAT, 3, 2, 3)).forInput(x);
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(4, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(-1, 0, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(0, 2, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> b.get(0, 1, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> Reference.zeros().forInput(x).get(0, 0, 2));
    }

    @Test
    void badInputsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> Reference.zeros().forInput(null));
        assertThrows(IllegalArgumentException.class, () -> Reference.zeros().forInput(Nd4j.zeros(DataType.FLOAT, 3)));
        assertThrows(IllegalArgumentException.class, () -> Reference.zeros().forInput(Nd4j.zeros(DataType.INT, 2, 3)));
        var e = assertThrows(IllegalArgumentException.class,
                () -> Reference.background(Nd4j.zeros(DataType.FLOAT, 3, 6)).forInput(x));
        assertTrue(e.getMessage().contains("[3, 6]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        assertArrayEquals(new long[] {4, 2, 3}, x.shape());
    }
}
