package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** DeepSHAP over DeepLIFT on DL4J networks, against logits computed from DL4J's own forward pass. */
class DeepShapDeepLiftTest {

    static Stream<Arguments> cases() {
        return Stream.of(DataType.FLOAT, DataType.DOUBLE)
                .flatMap(dt -> Stream.of(Rule.RESCALE, Rule.REVEAL_CANCEL).map(r -> Arguments.of(dt, r)));
    }

    private static MultiLayerNetwork deepNet(DataType dt) {
        IActivation[] hidden = {Activation.RELU.getActivationFunction(), Activation.TANH.getActivationFunction(),
            new ActivationLReLU(0.1), Activation.SIGMOID.getActivationFunction(), Activation.ELU.getActivationFunction()};
        return TestNets.mlp(dt, 42, new int[] {10, 16, 12, 12, 8, 6, 4}, hidden, Activation.SOFTMAX);
    }

    private static double tolerance(DataType dt) {
        return dt == DataType.DOUBLE ? 1e-10 : 2e-4;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void everyPairSumsToItsOwnDeltaAndTheMeansToTheMeanDelta(DataType dt, Rule rule) {
        MultiLayerNetwork net = deepNet(dt);
        int n = 5;
        int m = 9;
        INDArray x = TestNets.uniform(dt, 1, 2.0, n, 10);
        INDArray background = TestNets.uniform(dt, 2, 2.0, m, 10);
        int[] targets = {0, 1, 2, 3, 1};
        Attribution a = DeepShap.of(DeepLift.of(net).withRule(rule)).withBatchSize(16)
                .explain(x, Reference.background(background), targets);

        INDArray logits = SummationToDeltaTest.logits(net, x);
        INDArray refLogits = SummationToDeltaTest.logits(net, background);
        double tol = tolerance(dt);
        assertArrayEquals(new long[] {n, m}, a.pairSummationErrors().shape());
        assertTrue(a.maxPairSummationError() <= (dt == DataType.DOUBLE ? 1e-10 : 1e-4), "" + a.maxPairSummationError());
        for (int i = 0; i < n; i++) {
            double meanDelta = 0;
            for (int r = 0; r < m; r++) {
                double expected = logits.getDouble(i, targets[i]) - refLogits.getDouble(r, targets[i]);
                assertEquals(expected, a.pairDeltas().getDouble(i, r), tol * (1 + Math.abs(expected)),
                        "pair " + i + ", " + r);
                meanDelta += expected / m;
            }
            double sum = a.scores().getRow(i).sumNumber().doubleValue();
            assertEquals(meanDelta, sum, tol * (1 + Math.abs(meanDelta)), "example " + i + ": mean scores");
            assertEquals(meanDelta, a.deltas().getDouble(i), tol * (1 + Math.abs(meanDelta)), "example " + i);
        }
        assertTrue(a.maxSummationError() <= (dt == DataType.DOUBLE ? 1e-10 : 1e-4), "" + a.maxSummationError());
        assertEquals(dt, a.scores().dataType());
    }

    /**
     * DeepSHAP adds the pairs in the same order whatever the batch size (bit-for-bit, see the core tests), so what
     * remains is how much DeepLIFT's result for one pair depends on the other pairs of its batch: BLAS rounds
     * differently for batches of different sizes. In DOUBLE that stays near 1e-15. In FLOAT, measured on this
     * network, the logit deltas alone differ by up to 1.3e-6 of their scale, and Rescale's ratios Δy/Δz amplify the
     * scores' difference to 5.4e-6; so FLOAT gets 2e-5, not 1e-6.
     */
    static Stream<Arguments> batchCases() {
        return Stream.of(Arguments.of(DataType.DOUBLE, Rule.RESCALE, 1e-12),
                Arguments.of(DataType.DOUBLE, Rule.REVEAL_CANCEL, 1e-12),
                Arguments.of(DataType.FLOAT, Rule.GRADIENT, 2e-5),
                Arguments.of(DataType.FLOAT, Rule.RESCALE, 2e-5),
                Arguments.of(DataType.FLOAT, Rule.REVEAL_CANCEL, 2e-5));
    }

    @ParameterizedTest(name = "{0} {1} to {2}")
    @MethodSource("batchCases")
    void batchSizesOneSevenAndSixtyFourGiveTheSameResults(DataType dt, Rule rule, double tol) {
        MultiLayerNetwork net = deepNet(dt);
        INDArray x = TestNets.uniform(dt, 3, 2.0, 4, 10);
        Reference background = Reference.background(TestNets.uniform(dt, 4, 2.0, 11, 10));
        int[] targets = {3, 2, 1, 0};
        DeepShap shap = DeepShap.of(DeepLift.of(net).withRule(rule));
        Attribution one = shap.withBatchSize(1).explain(x, background, targets);
        for (int b : new int[] {7, 64}) {
            Attribution other = shap.withBatchSize(b).explain(x, background, targets);
            String[] names = {"scores", "multipliers", "deltas", "pairDeltas"};
            INDArray[][] pairs = {{one.scores(), other.scores()}, {one.multipliers(), other.multipliers()},
                {one.deltas(), other.deltas()}, {one.pairDeltas(), other.pairDeltas()}};
            for (int k = 0; k < pairs.length; k++) {
                double diff = SummationToDeltaTest.relativeDifference(pairs[k][1], pairs[k][0]);
                assertTrue(diff <= tol, "batch size " + b + ", " + names[k] + ": relative difference " + diff);
            }
        }
    }

    @Test
    void aReferenceGivenAsATensorOrAsAReferenceGivesTheSameAsDeepLift() {
        MultiLayerNetwork net = deepNet(DataType.DOUBLE);
        DeepLift dl = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 5, 2.0, 6, 10);
        INDArray refs = TestNets.uniform(DataType.DOUBLE, 6, 2.0, 6, 10);
        INDArray shared = TestNets.uniform(DataType.DOUBLE, 7, 2.0, 1, 10);
        int[] targets = {0, 1, 2, 3, 0, 1};
        DeepShap shap = DeepShap.of(dl);
        // One reference per example, all pairs in one batch: the very call DeepLift gets directly.
        Attribution direct = dl.explain(x, refs, targets);
        for (Attribution a : new Attribution[] {shap.explain(x, refs, targets),
            shap.explain(x, Reference.perExample(refs), targets)}) {
            assertEquals(0.0, SummationToDeltaTest.relativeDifference(a.scores(), direct.scores()));
            assertEquals(0.0, SummationToDeltaTest.relativeDifference(a.deltas(), direct.deltas()));
        }
        Attribution sharedDirect = dl.explain(x, shared, targets);
        assertEquals(0.0, SummationToDeltaTest.relativeDifference(
                shap.explain(x, Reference.of(shared), targets).scores(), sharedDirect.scores()));

        // A background of 5 samples: the mean of 5 DeepLIFT runs with one shared sample each.
        INDArray background = TestNets.uniform(DataType.DOUBLE, 8, 2.0, 5, 10);
        INDArray sum = Nd4j.zeros(DataType.DOUBLE, 6, 10);
        for (int r = 0; r < 5; r++) {
            sum.addi(dl.explain(x, background.getRow(r).reshape(1, 10), targets).scores());
        }
        Attribution a = shap.withBatchSize(7).explain(x, Reference.background(background), targets);
        assertTrue(SummationToDeltaTest.relativeDifference(a.scores(), sum.divi(5)) <= 1e-12);
    }

    @Test
    void onALinearNetworkTheScoresAreTheInputMinusTheMeanBackgroundTimesTheWeights() {
        double[][] w = {{1, -2}, {3, 4}, {-5, 6}, {7, 0.5}};
        MultiLayerNetwork net = TestNets.dense(new Activation[] {Activation.SOFTMAX}, new double[][][] {w},
                new double[][] {{0.3, -0.7}});
        INDArray x = TestNets.uniform(DataType.DOUBLE, 1, 2.0, 3, 4);
        INDArray background = TestNets.uniform(DataType.DOUBLE, 2, 2.0, 8, 4);
        Attribution a = DeepShap.of(DeepLift.of(net)).withBatchSize(5)
                .explain(x, Reference.background(background), 1);
        INDArray col = Nd4j.createFromArray(new double[][] {{w[0][1], w[1][1], w[2][1], w[3][1]}});
        INDArray expected = x.subRowVector(background.mean(true, 0)).mulRowVector(col);
        assertTrue(SummationToDeltaTest.relativeDifference(a.scores(), expected) <= 1e-12);
        assertTrue(SummationToDeltaTest.relativeDifference(a.multipliers(), col.repeat(0, 3)) <= 1e-15);
    }

    @Test
    void aNaNInABackgroundSampleIsNamedBySampleBeforeAnyBatchIsExplained() {
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 41, new int[] {4, 5, 2},
                new org.nd4j.linalg.activations.IActivation[] {Activation.RELU.getActivationFunction()},
                Activation.SOFTMAX);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 42, 1.0, 40, 4);
        INDArray background = TestNets.uniform(DataType.DOUBLE, 43, 1.0, 10, 4);
        background.putScalar(7, 2, Double.NaN);
        int[] calls = {0};
        dev.deeplift.core.Explainer counting = (in, ref, t) -> {
            calls[0]++;
            return DeepLift.of(net).explain(in, ref, t);
        };
        // A custom distribution that hands out the samples unchecked, as a user's own Reference might.
        Reference unchecked = input -> new dev.deeplift.core.reference.ReferenceSet() {
            @Override
            public long examples() {
                return input.size(0);
            }

            @Override
            public int perExample() {
                return 10;
            }

            @Override
            public boolean shared() {
                return true;
            }

            @Override
            public INDArray get(long example, int from, int to) {
                return background.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(from, to),
                        org.nd4j.linalg.indexing.NDArrayIndex.all());
            }
        };
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DeepShap.of(counting).withBatchSize(16).explain(x, unchecked, new int[40]));
        assertTrue(e.getMessage().contains("background sample 7"), e.getMessage());
        assertEquals(0, calls[0], "no batch was explained");
        // The factory refuses it too, naming the sample.
        IllegalArgumentException f = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Reference.background(background));
        assertTrue(f.getMessage().contains("sample 7"), f.getMessage());
    }
}
