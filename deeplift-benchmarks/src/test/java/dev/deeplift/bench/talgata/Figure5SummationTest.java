package dev.deeplift.bench.talgata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.dl4j.DeepLift;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Summation-to-delta on the authors' imported model, against the flat background reference: each sequence's
 * scores sum to the change of the task's logit. The gradient, which has no such property, shows that the check can
 * fail.
 */
class Figure5SummationTest {
    /** FLOAT network, logit deltas of a few units: errors of about 1e-5 are float rounding. */
    private static final double TOLERANCE = 1e-4;

    private static MultiLayerNetwork net;
    private static INDArray x;
    private static INDArray ref;

    @BeforeAll
    static void load() {
        net = TalGataModel.load();
        TalGataData data = TalGataData.loadTestSet();
        // The first 5 test sequences: gata_tal1_1902, gata_only_1904, tal1_only_1168, gata_tal1_1184, empty_1658.
        x = data.oneHot().get(NDArrayIndex.interval(0, 5), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        ref = TalGataReference.flat(TalGataData.LENGTH);
    }

    @Test
    void everyDeepLiftRuleSumsToTheLogitChangeOnEveryTask() {
        DeepLift deepLift = DeepLift.of(net);
        for (DeepLift explainer : List.of(deepLift.withRule(Rule.RESCALE), deepLift.withRule(Rule.REVEAL_CANCEL),
                deepLift.withRules(RulePolicy.genomicsDefault()))) {
            for (int task = 0; task < TalGataData.TASKS; task++) {
                Attribution a = explainer.explain(x, ref, task);
                double[] deltas = a.deltas().toDoubleVector();
                double[] sums = a.scores().reshape(x.size(0), -1).sum(1).toDoubleVector();
                assertArrayEquals(deltas, sums, TOLERANCE, explainer.rules() + ", task " + task);
                assertTrue(a.maxSummationError() < TOLERANCE, explainer.rules() + ": " + a.maxSummationError());
                assertTrue(maxAbs(deltas) > 1, "the deltas are not trivially 0: " + maxAbs(deltas));
            }
        }
    }

    @Test
    void deltasAreTheModelsLogitChanges() {
        // The sigmoid's inverse of the network's outputs gives the logits the deltas are differences of.
        INDArray both = Nd4j.concat(0, x, ref);
        double[][] p = net.output(both).toDoubleMatrix();
        Attribution a = DeepLift.of(net).explain(x, ref, 0);
        for (int i = 0; i < x.size(0); i++) {
            double expected = logit(p[i][0]) - logit(p[(int) x.size(0)][0]);
            assertEquals(expected, a.deltas().getDouble(i), 2e-3 * Math.max(1, Math.abs(expected)));
        }
    }

    @Test
    void gradientTimesInputDoesNotSumToDeltaSoTheCheckCanFail() {
        Attribution a = DeepLift.of(net).withRule(Rule.GRADIENT).explain(x, ref, 0);
        assertTrue(a.maxSummationError() > 0.1, "gradient × (x − ref) is not exact: " + a.maxSummationError());
    }

    @Test
    void multiReferenceMethodChecksEveryPairAndEveryPairSums() {
        Figure5Method multiref = Figure5Methods.select(Figure5Methods.all(net, 7L),
                List.of("genomics_default_multiref_10")).get(0);
        INDArray two = x.get(NDArrayIndex.interval(0, 2), NDArrayIndex.all(), NDArrayIndex.all()).dup();
        Attribution a = assertInstanceOf(Attribution.class, multiref.scorer().explain(two, 0));
        assertArrayEquals(new long[] {2, Figure5Methods.SHUFFLED_REFERENCES}, a.pairSummationErrors().shape());
        assertTrue(a.maxPairSummationError() < TOLERANCE, "pair errors " + a.maxPairSummationError());
        assertTrue(a.maxSummationError() < TOLERANCE, "mean errors " + a.maxSummationError());
        // Shuffled references differ from each other, so their deltas do too: the pairs are really distinct.
        double[] pairDeltas = a.pairDeltas().getRow(0).toDoubleVector();
        assertTrue(maxAbs(pairDeltas) - minAbs(pairDeltas) > 1e-3, "pair deltas all alike");
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private static double minAbs(double[] v) {
        double m = Double.MAX_VALUE;
        for (double d : v) {
            m = Math.min(m, Math.abs(d));
        }
        return m;
    }
}
