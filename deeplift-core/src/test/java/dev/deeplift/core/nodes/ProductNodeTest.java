package dev.deeplift.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.rules.NonlinearRules;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The product rule against the two-player Shapley value computed by brute force from its definition. */
class ProductNodeTest {
    private static final NodeContext CONTEXT = new NodeContext(Rule.RESCALE, NonlinearRules.of(Rule.RESCALE),
            MaxPoolMode.CROSS_MAX, false, false, 1e-10);

    /** φ_a = ½[v({a}) − v(∅)] + ½[v({a, b}) − v({b})] with v(S) = product with S's players at the input. */
    private static double shapleyOfA(double a, double aRef, double b, double bRef) {
        return 0.5 * (a * bRef - aRef * bRef) + 0.5 * (a * b - aRef * b);
    }

    @Test
    void eachFactorGetsItsTwoPlayerShapleyValueAndTheTwoSumToTheChange() {
        Random rng = new Random(3);
        INDArray a = Nd4j.create(DataType.DOUBLE, 4, 3);
        INDArray b = Nd4j.create(DataType.DOUBLE, 4, 3);
        INDArray aRef = Nd4j.create(DataType.DOUBLE, 4, 3);
        INDArray bRef = Nd4j.create(DataType.DOUBLE, 1, 3);
        for (INDArray arr : List.of(a, b, aRef, bRef)) {
            for (long i = 0; i < arr.length(); i++) {
                arr.putScalar(i, rng.nextGaussian() * 2);
            }
        }
        List<PairActivations> in = List.of(PairActivations.of(a, aRef), PairActivations.of(b, bRef));
        ProductNode node = new ProductNode();
        PairActivations y = node.forward(in, CONTEXT);
        INDArray upstream = Nd4j.rand(DataType.DOUBLE, 4, 3).subi(0.5);
        List<Multipliers> m = node.backward(Multipliers.symmetric(upstream), in, y, CONTEXT);
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 3; j++) {
                double ai = a.getDouble(i, j);
                double ar = aRef.getDouble(i, j);
                double bi = b.getDouble(i, j);
                double br = bRef.getDouble(0, j);
                double u = upstream.getDouble(i, j);
                double sa = m.get(0).plus().getDouble(i, j) * (ai - ar);
                double sb = m.get(1).plus().getDouble(i, j) * (bi - br);
                assertEquals(u * shapleyOfA(ai, ar, bi, br), sa, 1e-12);
                assertEquals(u * shapleyOfA(bi, br, ai, ar), sb, 1e-12);
                assertEquals(u * (ai * bi - ar * br), sa + sb, 1e-12);
                assertEquals(ai * bi, y.input().getDouble(i, j), 1e-12);
                assertEquals(ar * br, y.reference().getDouble(i, j), 1e-12);
            }
        }
    }

    @Test
    void positiveAndNegativeMultipliersAreCollapsedByTheOutputsSign() {
        INDArray a = Nd4j.createFromArray(new double[][] {{2.0, -1.0}});
        INDArray b = Nd4j.createFromArray(new double[][] {{3.0, 4.0}});
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 2);
        List<PairActivations> in = List.of(PairActivations.of(a, zero), PairActivations.of(b, zero));
        ProductNode node = new ProductNode();
        PairActivations y = node.forward(in, CONTEXT); // Δy = (6, −4)
        Multipliers out = Multipliers.of(Nd4j.createFromArray(new double[][] {{10.0, 10.0}}),
                Nd4j.createFromArray(new double[][] {{20.0, 20.0}}));
        List<Multipliers> m = node.backward(out, in, y, CONTEXT);
        // m_y = (10, 20) by the sign of Δy; m_a = m_y·(b + 0)/2, m_b = m_y·(a + 0)/2.
        assertEquals(15.0, m.get(0).plus().getDouble(0, 0), 1e-12);
        assertEquals(40.0, m.get(0).plus().getDouble(0, 1), 1e-12);
        assertEquals(10.0, m.get(1).plus().getDouble(0, 0), 1e-12);
        assertEquals(-10.0, m.get(1).plus().getDouble(0, 1), 1e-12);
    }
}
