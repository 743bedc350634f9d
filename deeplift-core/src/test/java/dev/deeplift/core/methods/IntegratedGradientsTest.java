package dev.deeplift.core.methods;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Integrated gradients over hand-written gradient explainers, without DL4J. */
class IntegratedGradientsTest {
    private static final double EXACT = 1e-12;

    /**
     * {@code f_t(x) = (t + 1) · Σ x³}: gradient {@code 3(t + 1) x²}. Records the row count of every call so tests
     * can see the chunking.
     */
    static final class Cubic implements Explainer {
        final List<Long> rowsPerCall = new ArrayList<>();
        final List<Long> referenceRowsPerCall = new ArrayList<>();

        static INDArray value(INDArray x, int[] targets) {
            INDArray v = Transforms.pow(x, 3, true).reshape(x.size(0), -1).sum(1);
            for (int i = 0; i < targets.length; i++) {
                v.putScalar(i, v.getDouble(i) * (targets[i] + 1));
            }
            return v;
        }

        @Override
        public Attribution explain(INDArray input, INDArray reference, int[] targets) {
            rowsPerCall.add(input.size(0));
            referenceRowsPerCall.add(reference.size(0));
            INDArray scale = Nd4j.createFromArray(targets).castTo(input.dataType()).addi(1).muli(3)
                    .reshape(targets.length, 1);
            INDArray flat = input.reshape(input.size(0), -1);
            INDArray m = flat.mul(flat).muliColumnVector(scale).reshape(input.shape());
            INDArray ref = reference.size(0) == input.size(0) ? reference : reference.broadcast(input.shape());
            INDArray refValue = value(ref.dup(), targets);
            return Attribution.of(m, input.sub(ref), value(input, targets).subi(refValue), targets, "cubic");
        }
    }

    /** {@code f(x) = Σ x²}: gradient {@code 2x}, linear along any path, where the midpoint rule is exact. */
    static final class Quadratic implements Explainer {
        @Override
        public Attribution explain(INDArray input, INDArray reference, int[] targets) {
            INDArray ref = reference.size(0) == input.size(0) ? reference : reference.broadcast(input.shape());
            INDArray deltas = input.mul(input).reshape(input.size(0), -1).sum(1)
                    .subi(ref.mul(ref).reshape(input.size(0), -1).sum(1));
            return Attribution.of(input.mul(2), input.sub(ref), deltas, targets, "quadratic");
        }
    }

    private static INDArray uniform(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(4);
    }

    @Test
    void midpointRuleIsExactForAQuadratic() {
        // m = 2 · (x_ref + ½Δx) = x + x_ref, so scores = x² − x_ref², which sum exactly to the delta.
        INDArray x = uniform(1, 3, 2, 2);
        INDArray ref = uniform(2, 3, 2, 2);
        Attribution a = IntegratedGradients.of(new Quadratic(), 1).explain(x, ref, new int[3]);
        assertTrue(a.multipliers().equalsWithEps(x.add(ref), EXACT));
        assertTrue(a.scores().equalsWithEps(x.mul(x).subi(ref.mul(ref)), EXACT));
        assertEquals(0.0, a.maxSummationError(), EXACT);
        Attribution many = IntegratedGradients.of(new Quadratic(), 7).explain(x, ref, new int[3]);
        assertTrue(many.scores().equalsWithEps(a.scores(), EXACT));
    }

    @Test
    void multipliersAreTheLiteralMidpointAverageOfGradients() {
        int steps = 4;
        INDArray x = uniform(3, 2, 5);
        INDArray ref = uniform(4, 1, 5);
        int[] targets = {0, 2};
        Attribution a = IntegratedGradients.of(new Cubic(), steps).withBatchSize(3).explain(x, ref, targets);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 5; j++) {
                double xi = x.getDouble(i, j);
                double r = ref.getDouble(0, j);
                double mean = 0;
                for (int k = 0; k < steps; k++) {
                    double p = r + (k + 0.5) / steps * (xi - r);
                    mean += 3 * (targets[i] + 1) * p * p / steps;
                }
                assertEquals(mean, a.multipliers().getDouble(i, j), EXACT);
                assertEquals(mean * (xi - r), a.scores().getDouble(i, j), EXACT);
            }
            double delta = (targets[i] + 1) * (Transforms.pow(x.getRow(i), 3).sumNumber().doubleValue()
                    - Transforms.pow(ref.getRow(0), 3).sumNumber().doubleValue());
            assertEquals(delta, a.deltas().getDouble(i), EXACT);
        }
    }

    @Test
    void resultsAreTheSameForEveryBatchSizeAndNoCallExceedsIt() {
        INDArray x = uniform(5, 5, 3, 2);
        INDArray ref = uniform(6, 5, 3, 2);
        int[] targets = {0, 1, 2, 1, 0};
        Attribution whole = IntegratedGradients.of(new Cubic(), 13).withBatchSize(1000).explain(x, ref, targets);
        for (int rows : new int[] {1, 7, 64}) {
            Cubic cubic = new Cubic();
            Attribution a = IntegratedGradients.of(cubic, 13).withBatchSize(rows).explain(x, ref, targets);
            assertTrue(a.multipliers().equalsWithEps(whole.multipliers(), EXACT), "batch size " + rows);
            assertTrue(a.scores().equalsWithEps(whole.scores(), EXACT), "batch size " + rows);
            assertTrue(a.deltas().equalsWithEps(whole.deltas(), EXACT), "batch size " + rows);
            assertTrue(cubic.rowsPerCall.stream().allMatch(r -> r <= rows), cubic.rowsPerCall.toString());
            // N rows for the deltas plus N × steps points.
            assertEquals(5 + 5 * 13, cubic.rowsPerCall.stream().mapToLong(Long::longValue).sum());
        }
    }

    @Test
    void summationErrorShrinksAsStepsGrow() {
        INDArray x = uniform(7, 4, 6);
        INDArray ref = Nd4j.zeros(DataType.DOUBLE, 1, 6);
        double coarse = IntegratedGradients.of(new Cubic(), 5).explain(x, ref, new int[4]).maxSummationError();
        double fine = IntegratedGradients.of(new Cubic(), 50).explain(x, ref, new int[4]).maxSummationError();
        // The midpoint rule's error on a quadratic integrand falls as 1/steps²: 100× here.
        assertTrue(fine < coarse / 50, "5 steps: " + coarse + ", 50 steps: " + fine);
    }

    @Test
    void aSharedReferenceGivesWhatTheSameReferencePerExampleGives() {
        INDArray x = uniform(8, 3, 4);
        INDArray ref = uniform(9, 1, 4);
        IntegratedGradients ig = IntegratedGradients.of(new Cubic(), 6).withBatchSize(5);
        Attribution shared = ig.explain(x, ref, new int[] {0, 1, 2});
        Attribution perExample = ig.explain(x, ref.repeat(0, 3), new int[] {0, 1, 2});
        assertTrue(shared.scores().equalsWithEps(perExample.scores(), EXACT));
        assertArrayEquals(shared.deltas().toDoubleVector(), perExample.deltas().toDoubleVector(), EXACT);
    }

    @Test
    void aSharedReferenceReachesEveryCallAsOneRowEvenForOneExample() {
        Cubic cubic = new Cubic();
        IntegratedGradients.of(cubic, 20).withBatchSize(8).explain(uniform(10, 1, 4), uniform(11, 1, 4), new int[1]);
        assertEquals(List.of(1L, 8L, 8L, 4L), cubic.rowsPerCall);
        assertTrue(cubic.referenceRowsPerCall.stream().allMatch(r -> r == 1), cubic.referenceRowsPerCall.toString());
    }

    @Test
    void badOptionsAndArgumentsAreRefusedWithTheirNames() {
        Cubic cubic = new Cubic();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> IntegratedGradients.of(cubic, 0))
                .getMessage().contains("steps"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> IntegratedGradients.of(cubic, 5).withBatchSize(0)).getMessage().contains("batchSize"));
        IntegratedGradients ig = IntegratedGradients.of(cubic, 5);
        INDArray x = uniform(1, 2, 3);
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ig.explain(x, uniform(2, 2, 4), new int[2])).getMessage().contains("reference"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> ig.explain(x, uniform(2, 1, 3), new int[3])).getMessage().contains("targets"));
        assertTrue(cubic.rowsPerCall.isEmpty(), "no work before the checks");
    }
}
