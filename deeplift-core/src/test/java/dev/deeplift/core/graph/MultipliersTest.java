package dev.deeplift.core.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class MultipliersTest {

    @Test
    void collapseTakesPlusWherePositiveMinusWhereNegativeAndTheirMeanAtZero() {
        var m = Multipliers.of(Nd4j.createFromArray(1.0, 2.0, 3.0), Nd4j.createFromArray(10.0, 20.0, 30.0));
        var c = m.collapse(Nd4j.createFromArray(0.5, -2.0, 0.0));
        assertArrayEquals(new double[] {1.0, 20.0, 16.5}, c.toDoubleVector(), 1e-12);
    }

    @Test
    void symmetricMultipliersCollapseToThemselves() {
        var a = Nd4j.createFromArray(1.0, 2.0);
        var m = Multipliers.symmetric(a);
        assertTrue(m.isSymmetric());
        assertSame(a, m.collapse(Nd4j.createFromArray(-1.0, 1.0)));
    }

    @Test
    void sharedReferenceBroadcastsInTheDelta() {
        var x = Nd4j.createFromArray(new double[][] {{1, 2}, {3, 4}, {5, 6}});
        var ref = Nd4j.createFromArray(new double[][] {{1, 1}});
        var p = PairActivations.of(x, ref);
        assertTrue(p.sharedReference());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5}, p.delta().reshape(6).toDoubleVector(), 0);
        assertArrayEquals(new double[] {1, 1.5, 2, 2.5, 3, 3.5}, p.midpoint().reshape(6).toDoubleVector(), 0);
        assertArrayEquals(new double[] {0, 0, 0, 0, 0, 0}, p.deltaMinus().reshape(6).toDoubleVector(), 0);
    }
}
