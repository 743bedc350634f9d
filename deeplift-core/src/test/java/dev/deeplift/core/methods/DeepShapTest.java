package dev.deeplift.core.methods;

import static dev.deeplift.core.ExactArrays.assertSameValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.reference.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DeepSHAP over a hand-written linear explainer, where every value is known. */
class DeepShapTest {

    private static INDArray uniform(DataType dt, long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(dt, shape).subi(0.5).muli(4);
    }

    /** Small integers, so that every product and mean below is exact in double precision. */
    private static INDArray integers(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).muli(9).subi(4.5).castTo(DataType.INT).castTo(DataType.DOUBLE);
    }

    @Test
    void onALinearModelTheScoresAreTheInputMinusTheMeanBackgroundTimesTheWeights() {
        INDArray w = integers(1, 6, 3);
        INDArray x = integers(2, 5, 6);
        INDArray background = integers(3, 4, 6); // 4 samples: their mean is exact
        int[] targets = {0, 1, 2, 1, 0};
        Attribution a = DeepShap.of(new LinearExplainer(w)).explain(x, Reference.background(background),
                targets);

        INDArray mean = background.mean(true, 0);
        for (int i = 0; i < 5; i++) {
            INDArray col = w.getColumn(targets[i]).reshape(1, 6);
            INDArray expected = x.getRow(i).reshape(1, 6).sub(mean).mul(col);
            assertArrayEquals(expected.toDoubleVector(), a.scores().getRow(i).toDoubleVector(), 0.0, "example " + i);
            assertArrayEquals(col.toDoubleVector(), a.multipliers().getRow(i).toDoubleVector(), 0.0);
            assertEquals(expected.sumNumber().doubleValue(), a.deltas().getDouble(i), 0.0);
            for (int r = 0; r < 4; r++) {
                double pairDelta = x.getRow(i).reshape(1, 6).sub(background.getRow(r).reshape(1, 6)).mul(col)
                        .sumNumber().doubleValue();
                assertEquals(pairDelta, a.pairDeltas().getDouble(i, r), 0.0);
            }
        }
        assertArrayEquals(new long[] {5, 4}, a.pairDeltas().shape());
        assertArrayEquals(new long[] {5, 4}, a.pairSummationErrors().shape());
        assertEquals(4, a.referencesPerExample());
        assertEquals(0.0, a.maxPairSummationError());
        assertEquals(0.0, a.maxSummationError());
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void resultsAreIdenticalForBatchSizesOneSevenAndSixtyFour(DataType dt) {
        INDArray w = uniform(dt, 1, 12, 3);
        INDArray x = uniform(dt, 2, 5, 12);
        int[] targets = {2, 0, 1, 1, 2};
        List<Reference> references = List.of(Reference.background(uniform(dt, 3, 13, 12)),
                Reference.perExample(uniform(dt, 4, 5, 12)), Reference.of(uniform(dt, 5, 1, 12)),
                Reference.mean(uniform(dt, 6, 30, 12)));
        for (Reference ref : references) {
            Attribution one = DeepShap.of(new LinearExplainer(w)).withBatchSize(1).explain(x, ref, targets);
            for (int b : new int[] {7, 64}) {
                Attribution other = DeepShap.of(new LinearExplainer(w)).withBatchSize(b)
                        .explain(x, ref, targets);
                String where = ref + ", batch size " + b;
                assertSameValues(one.scores(), other.scores(), where);
                assertSameValues(one.multipliers(), other.multipliers(), where);
                assertSameValues(one.deltas(), other.deltas(), where);
                assertSameValues(one.pairDeltas(), other.pairDeltas(), where);
                assertSameValues(one.pairSummationErrors(), other.pairSummationErrors(), where);
                assertSameValues(one.summationErrors(), other.summationErrors(), where);
            }
        }
    }

    @Test
    void theExplainerNeverSeesMoreThanTheBatchSizeOfPairs() {
        INDArray w = uniform(DataType.FLOAT, 1, 8, 2);
        INDArray x = uniform(DataType.FLOAT, 2, 9, 8);
        LinearExplainer lin = new LinearExplainer(w);
        DeepShap.of(lin).withBatchSize(10).explain(x, Reference.background(uniform(DataType.FLOAT, 3, 50, 8)), 1);
        assertEquals(10, lin.largestBatch());
        assertEquals(45, lin.calls()); // 9 × 50 pairs in batches of 10

        LinearExplainer byDefault = new LinearExplainer(w);
        DeepShap.of(byDefault).explain(x, Reference.background(uniform(DataType.FLOAT, 3, 50, 8)), 1);
        assertEquals(DeepShap.DEFAULT_FLOAT_BATCH_SIZE, byDefault.largestBatch());
        assertEquals(2, byDefault.calls());
        assertEquals(DeepShap.DEFAULT_DOUBLE_BATCH_SIZE, DeepShap.of(lin).batchSize(DataType.DOUBLE));
        assertEquals(5, DeepShap.of(lin).withBatchSize(5).batchSize(DataType.DOUBLE));
    }

    @Test
    void aSharedBackgroundGoesReferenceByReferenceWithOneSharedRowPerCall() {
        INDArray w = uniform(DataType.DOUBLE, 1, 8, 2);
        INDArray x = uniform(DataType.DOUBLE, 2, 40, 8);
        INDArray background = uniform(DataType.DOUBLE, 3, 3, 8);
        List<long[]> referenceShapes = new ArrayList<>();
        LinearExplainer lin = new LinearExplainer(w);
        Explainer recording = (in, ref, t) -> {
            referenceShapes.add(ref.shape());
            return lin.explain(in, ref, t);
        };
        Attribution a = DeepShap.of(recording).withBatchSize(16)
                .explain(x, Reference.background(background), 1);
        assertEquals(9, lin.calls()); // 3 references × (16 + 16 + 8 examples)
        assertEquals(16, lin.largestBatch());
        referenceShapes.forEach(shape -> assertArrayEquals(new long[] {1, 8}, shape));
        // The mean over the references of the linear scores is w ⊙ (x − mean(background)).
        INDArray expected = x.sub(background.mean(true, 0)).mulRowVector(w.getColumn(1).reshape(1, 8));
        assertTrue(expected.equalsWithEps(a.scores(), 1e-12));
        // Pair p = example p div 3, reference p mod 3, as in the pair-batched order.
        for (int k = 0; k < 3; k++) {
            double delta = x.getRow(7).sub(background.getRow(k)).mul(w.getColumn(1)).sumNumber().doubleValue();
            assertEquals(delta, a.pairDeltas().getDouble(7, k), 1e-12);
        }
        assertEquals(0.0, a.maxPairSummationError(), 1e-12);
    }

    @Test
    void aRefusedReferenceBatchNamesItsReferenceAndExamples() {
        LinearExplainer lin = new LinearExplainer(uniform(DataType.FLOAT, 1, 4, 3));
        int[] targets = new int[40];
        targets[35] = 7;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeepShap.of(lin)
                .withBatchSize(32).explain(uniform(DataType.FLOAT, 2, 40, 4),
                        Reference.background(uniform(DataType.FLOAT, 3, 2, 4)), targets));
        assertMessage(e, "examples 32..39", "2 shared references");
    }

    @Test
    void aReferenceGivenAsATensorOrAsTheEquivalentReferenceGivesIdenticalResults() {
        DataType dt = DataType.FLOAT;
        INDArray w = uniform(dt, 1, 10, 3);
        INDArray x = uniform(dt, 2, 6, 10);
        int[] targets = {0, 1, 2, 0, 1, 2};
        LinearExplainer lin = new LinearExplainer(w);
        DeepShap shap = DeepShap.of(lin).withBatchSize(4);

        INDArray perExample = uniform(dt, 3, 6, 10);
        Attribution direct = lin.explain(x, perExample, targets);
        for (Attribution a : List.of(shap.explain(x, perExample, targets),
                shap.explain(x, Reference.perExample(perExample), targets),
                shap.explain(x, Reference.of(perExample), targets))) {
            assertSameValues(direct.scores(), a.scores(), "per-example scores");
            assertSameValues(direct.multipliers(), a.multipliers(), "per-example multipliers");
            assertSameValues(direct.deltas(), a.deltas(), "per-example deltas");
        }

        INDArray dataset = uniform(dt, 4, 20, 10);
        INDArray mean = dataset.mean(true, 0);
        Attribution sharedDirect = lin.explain(x, mean, targets);
        for (Attribution a : List.of(shap.explain(x, mean, targets), shap.explain(x, Reference.mean(dataset), targets),
                shap.explain(x, Reference.of(mean), targets))) {
            assertSameValues(sharedDirect.scores(), a.scores(), "shared scores");
            assertSameValues(sharedDirect.deltas(), a.deltas(), "shared deltas");
        }
        assertSameValues(lin.explain(x, Nd4j.zeros(dt, 1, 10), targets).scores(),
                shap.explain(x, Reference.zeros(), targets).scores(), "zeros");
        assertSameValues(lin.explain(x, Nd4j.zeros(dt, 1, 10).addi(0.25), targets).scores(),
                shap.explain(x, Reference.constant(0.25), targets).scores(), "constant");
    }

    @Test
    void aBackgroundGivesTheSameAsAveragingOneExplanationPerSampleByHand() {
        DataType dt = DataType.FLOAT;
        INDArray w = uniform(dt, 1, 10, 3);
        INDArray x = uniform(dt, 2, 4, 10);
        INDArray background = uniform(dt, 3, 7, 10);
        int[] targets = {2, 2, 0, 1};
        LinearExplainer lin = new LinearExplainer(w);
        Attribution a = DeepShap.of(lin).withBatchSize(3).explain(x, Reference.background(background),
                targets);

        double[] sum = new double[40];
        for (int r = 0; r < 7; r++) {
            double[] s = lin.explain(x, background.getRow(r).reshape(1, 10), targets).scores().dup().data()
                    .asDouble();
            for (int k = 0; k < sum.length; k++) {
                sum[k] += s[k];
            }
        }
        for (int k = 0; k < sum.length; k++) {
            sum[k] /= 7;
        }
        assertSameValues(Nd4j.create(sum, new long[] {4, 10}, 'c').castTo(dt), a.scores(), "background");
    }

    @Test
    void aWrongPairShowsInThePairErrorsAndItsExampleInTheAveragedErrors() {
        INDArray w = uniform(DataType.DOUBLE, 1, 5, 1);
        INDArray x = uniform(DataType.DOUBLE, 2, 3, 5);
        INDArray background = uniform(DataType.DOUBLE, 3, 4, 5);
        LinearExplainer lin = new LinearExplainer(w);
        int[] seen = {0};
        // Pair 6 = example 1, reference 2: its delta is reported 0.8 too high.
        Explainer broken = (in, ref, t) -> {
            Attribution a = lin.explain(in, ref, t);
            INDArray deltas = a.deltas().dup();
            for (int k = 0; k < deltas.length(); k++) {
                if (seen[0] + k == 6) {
                    deltas.putScalar(k, deltas.getDouble(k) + 0.8);
                }
            }
            seen[0] += (int) in.size(0);
            return Attribution.of(a.multipliers(), in.sub(ref), deltas, t, "broken");
        };
        Attribution a = DeepShap.of(broken).withBatchSize(5).explain(x, Reference.background(background), 0);
        assertEquals(0.8, a.pairSummationErrors().getDouble(1, 2), 1e-12);
        assertEquals(0.8, a.maxPairSummationError(), 1e-12);
        assertEquals(0.0, a.pairSummationErrors().sumNumber().doubleValue() - 0.8, 1e-10);
        assertEquals(0.2, a.summationErrors().getDouble(1), 1e-12); // 0.8 / 4 references
        assertEquals(0.0, a.summationErrors().getDouble(0), 1e-12);
        assertEquals(0.0, a.summationErrors().getDouble(2), 1e-12);
    }

    @Test
    void aPairQuantityIsAveragedLikeTheScores() {
        INDArray w = uniform(DataType.DOUBLE, 1, 6, 2);
        INDArray x = uniform(DataType.DOUBLE, 2, 3, 6);
        INDArray background = uniform(DataType.DOUBLE, 3, 5, 6);
        List<Long> batchSizes = new ArrayList<>();
        PairQuantity multipliersTimesReference = (inputs, refs, pairs) -> {
            batchSizes.add(inputs.size(0));
            return pairs.multipliers().mul(refs);
        };
        Attribution a = DeepShap.of(new LinearExplainer(w)).withBatchSize(4)
                .explain(x, Reference.background(background), new int[] {1, 0, 1}, multipliersTimesReference);
        INDArray mean = background.mean(true, 0);
        INDArray expected = a.multipliers().mul(mean.repeat(0, 3));
        assertTrue(expected.equalsWithEps(a.averagedQuantity().orElseThrow(), 1e-12));
        assertEquals(List.of(4L, 4L, 4L, 3L), batchSizes);
        assertTrue(DeepShap.of(new LinearExplainer(w)).explain(x, Reference.zeros(), 0).averagedQuantity().isEmpty());
    }

    @Test
    void badInputGetsAClearException() {
        LinearExplainer lin = new LinearExplainer(uniform(DataType.FLOAT, 1, 4, 2));
        DeepShap shap = DeepShap.of(lin);
        INDArray x = uniform(DataType.FLOAT, 2, 3, 4);
        Reference zeros = Reference.zeros();
        assertMessage(assertThrows(IllegalArgumentException.class, () -> shap.explain(null, zeros, 0)), "null");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> shap.explain(Nd4j.zeros(DataType.FLOAT, 4), zeros, 0)), "rank 2");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> shap.explain(Nd4j.zeros(DataType.FLOAT, 0, 4), zeros, 0)), "empty");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> shap.explain(x.castTo(DataType.INT), zeros, 0)), "floating-point");
        INDArray nan = x.dup();
        nan.putScalar(2, 1, Float.NaN);
        assertMessage(assertThrows(IllegalArgumentException.class, () -> shap.explain(nan, zeros, 0)), "example 2");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> shap.explain(x, (Reference) null, 0)),
                "reference is null");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> shap.explain(x, zeros, new int[] {0, 1})),
                "2 targets for 3 examples");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> shap.explain(x, zeros, -1)), "negative");
        assertMessage(assertThrows(IllegalArgumentException.class, () -> shap.withBatchSize(0)), "at least 1");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> shap.explain(x, Reference.background(Nd4j.zeros(DataType.FLOAT, 2, 5)), 0)), "[2, 5]");
        assertMessage(assertThrows(IllegalArgumentException.class,
                () -> shap.explain(x, Reference.perExample(Nd4j.zeros(DataType.FLOAT, 2, 4)), 0)), "3 examples");
        // The explainer's own refusal names the pairs and examples of the batch.
        var e = assertThrows(IllegalArgumentException.class,
                () -> shap.withBatchSize(4).explain(x, Reference.background(Nd4j.zeros(DataType.FLOAT, 2, 4)),
                        new int[] {0, 0, 5}));
        assertMessage(e, "pairs 4..5", "examples 2..2", "Target 5");
        // An explainer returning the wrong shape is caught.
        Explainer flattening = (in, ref, t) -> lin.explain(in.reshape(in.size(0), 4), ref.reshape(ref.size(0), 4), t);
        assertMessage(assertThrows(IllegalStateException.class,
                () -> DeepShap.of(flattening).explain(x.reshape(3, 2, 2), Reference.zeros(), 0)), "[3, 4]", "[3, 2, 2]");
    }

    private static void assertMessage(Throwable t, String... parts) {
        for (String p : parts) {
            assertTrue(t.getMessage().contains(p), "message \"" + t.getMessage() + "\" lacks \"" + p + "\"");
        }
    }
}
