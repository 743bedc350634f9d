package dev.deeplift.dl4j.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.LayerChecks;
import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** SelfAttentionLayer explained exactly: DL4J's forward reproduced, scores summing to its output differences. */
class SelfAttentionTest {
    private static final int T = 5;

    /** One SelfAttentionLayer (or two, the second with 2 heads) over {@code [N, nIn, T]}. */
    static MultiLayerNetwork net(int nIn, int nOut, int heads, int headSize, boolean project, boolean second) {
        var list = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.NORMAL).list().layer(layer(nIn, nOut, heads, headSize, project));
        if (second) {
            list.layer(layer(nOut, 4, 2, 3, true));
        }
        MultiLayerConfiguration conf = list.setInputType(InputType.recurrent(nIn, T)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    private static SelfAttentionLayer layer(int nIn, int nOut, int heads, int headSize, boolean project) {
        SelfAttentionLayer.Builder b = new SelfAttentionLayer.Builder().nIn(nIn).nOut(nOut).nHeads(heads)
                .projectInput(project);
        if (headSize > 0) {
            b.headSize(headSize);
        }
        return b.build();
    }

    static HandSelfAttention hand(MultiLayerNetwork net, int layer) {
        Map<String, INDArray> p = net.getLayer(layer).paramTable();
        return p.isEmpty() ? new HandSelfAttention() : new HandSelfAttention(Arrays3.d3(p.get("Wq")),
                Arrays3.d3(p.get("Wk")), Arrays3.d3(p.get("Wv")), Arrays3.d2(p.get("Wo")));
    }

    /** nIn, nOut, heads, headSize (0: nOut / heads), projectInput (1 or 0). */
    private static final int[][] CONFIGS = {{4, 6, 1, 0, 1}, {4, 6, 2, 0, 1}, {5, 3, 2, 4, 1}, {3, 7, 3, 2, 1},
        {4, 4, 1, 0, 0}};

    private static MultiLayerNetwork net(int[] c) {
        return net(c[0], c[1], c[2], c[3], c[4] == 1, false);
    }

    @Test
    void theHandForwardIsDl4jsWithAndWithoutMask() {
        Random r = new Random(1);
        for (int[] c : CONFIGS) {
            MultiLayerNetwork net = net(c);
            double[][][] x = Arrays3.random(r, 3, c[0], T, 1.0);
            double[][] mask = Arrays3.tailMask(T, 0, 2, 4);
            double[][][] plain = Arrays3.d3(net.output(Arrays3.nd(x)));
            assertTrue(Arrays3.maxAbsDiff(plain, hand(net, 0).forward(x, null)) < 1e-12);
            assertTrue(Arrays3.maxAbsDiff(Arrays3.d3(net.output(Arrays3.nd(x), false, Arrays3.nd(mask), null)),
                    hand(net, 0).forward(x, mask)) < 1e-12);
        }
    }

    @Test
    void scoresSumToDl4jsOutputDifferencesUnderRescaleAndRevealCancelWithAndWithoutMask() {
        INDArray mask = AttentionChecks.tailMask(T, 0, 2, 4);
        for (int[] c : CONFIGS) {
            MultiLayerNetwork net = net(c);
            INDArray x = AttentionChecks.uniform(11, 1.5, 3, c[0], T);
            INDArray ref = AttentionChecks.uniform(12, 0.5, 3, c[0], T);
            INDArray shared = AttentionChecks.uniform(13, 0.5, 1, c[0], T);
            int nOut = c[4] == 1 ? c[1] : c[0];
            for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
                DeepLift dl = DeepLift.of(net).withRule(rule);
                // A unit at a real step of every example, and one at a step masked in the last example.
                AttentionChecks.check(dl, x, ref, null, 0, (in, m) -> AttentionChecks.output(net, in, m));
                AttentionChecks.check(dl, x, shared, mask, nOut * T - 1, (in, m) -> AttentionChecks.output(net, in, m));
                AttentionChecks.check(dl, x, ref, mask, 2 * T + 1, (in, m) -> AttentionChecks.output(net, in, m));
            }
        }
    }

    @Test
    void twoStackedLayersAreExactToo() {
        MultiLayerNetwork net = net(4, 6, 2, 0, true, true);
        INDArray x = AttentionChecks.uniform(21, 1.5, 3, 4, T);
        INDArray ref = AttentionChecks.uniform(22, 0.5, 1, 4, T);
        INDArray mask = AttentionChecks.tailMask(T, 1, 0, 3);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            for (INDArray m : new INDArray[] {null, mask}) {
                AttentionChecks.check(DeepLift.of(net).withRule(rule), x, ref, m, 3,
                        (in, mm) -> AttentionChecks.output(net, in, mm));
            }
        }
    }

    @Test
    void maskedKeyStepsGetExactlyZeroScoresForTargetsAtRealSteps() {
        MultiLayerNetwork net = net(CONFIGS[1]);
        INDArray x = AttentionChecks.uniform(31, 1.5, 3, 4, T);
        INDArray ref = AttentionChecks.uniform(32, 0.5, 3, 4, T);
        INDArray mask = AttentionChecks.tailMask(T, 0, 2, 4);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            // Unit 1·T + 0: feature 1 at step 0, a real step of every example.
            Attribution a = DeepLift.of(net).withRule(rule).explain(x, ref, Target.unitAtStep(1, 0), mask);
            for (int n = 0; n < 3; n++) {
                for (int t = 0; t < T; t++) {
                    double step = a.scores().get(NDArrayIndex.point(n), NDArrayIndex.all(), NDArrayIndex.point(t))
                            .amaxNumber().doubleValue();
                    if (mask.getDouble(n, t) == 0.0) {
                        assertEquals(0.0, step, 0.0, "masked step " + t + " of example " + n);
                    } else {
                        assertTrue(step > 0.0, "real step " + t + " of example " + n + " gets no score");
                    }
                }
            }
        }
    }

    @Test
    void anExampleAloneGetsTheScoresItGetsInABatch() {
        MultiLayerNetwork net = net(CONFIGS[2]);
        INDArray x = AttentionChecks.uniform(41, 1.5, 4, 5, T);
        INDArray ref = AttentionChecks.uniform(42, 0.5, 1, 5, T);
        INDArray mask = AttentionChecks.tailMask(T, 0, 1, 3, 2);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            DeepLift dl = DeepLift.of(net).withRule(rule);
            Attribution batch = dl.explain(x, ref, Target.unitAtStep(0, 4), mask);
            for (int n = 0; n < 4; n++) {
                INDArray xn = x.get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.all(), NDArrayIndex.all());
                INDArray mn = mask.get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.all());
                Attribution alone = dl.explain(xn, ref, Target.unitAtStep(0, 4), mn);
                INDArray inBatch = batch.scores().get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.all(),
                        NDArrayIndex.all());
                assertTrue(AttentionChecks.maxDiff(alone.scores(), inBatch) <= 1e-12, rule + " example " + n);
            }
        }
    }

    @Test
    void revealCancelOnTheSoftmaxDiffersFromRescaleAndANamedLayerChoosesItsOwnRule() {
        MultiLayerNetwork net = net(CONFIGS[1]);
        INDArray x = AttentionChecks.uniform(51, 2.0, 2, 4, T);
        INDArray ref = AttentionChecks.uniform(52, 0.5, 1, 4, T);
        Target t = Target.unitAtStep(0, 2);
        Attribution rescale = DeepLift.of(net).withRule(Rule.RESCALE).explain(x, ref, t);
        Attribution byKind = DeepLift.of(net).withRules(RulePolicy.uniform(Rule.RESCALE)
                .with(LayerKind.ATTENTION, Rule.REVEAL_CANCEL)).explain(x, ref, t);
        Attribution byName = DeepLift.of(net).withRules(RulePolicy.uniform(Rule.RESCALE)
                .with("layer0", Rule.REVEAL_CANCEL)).explain(x, ref, t);
        assertTrue(AttentionChecks.maxDiff(rescale.scores(), byKind.scores()) > 1e-6);
        assertArrayEquals(byKind.scores().data().asDouble(), byName.scores().data().asDouble(), 0.0);
    }

    @Test
    void everyNodeConservesContributions() {
        MultiLayerNetwork net = net(4, 6, 2, 0, true, true);
        INDArray x = AttentionChecks.uniform(71, 1.5, 3, 4, T);
        INDArray ref = AttentionChecks.uniform(72, 0.5, 1, 4, T);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(net).withRule(rule).withLayerChecks(true).explain(x, ref,
                    Target.unitAtStep(1, 2), AttentionChecks.tailMask(T, 0, 2, 4));
            LayerChecks checks = a.layerChecks().orElseThrow();
            assertTrue(checks.worst().error() < 1e-10, rule + ": " + checks.worst());
        }
    }

    @Test
    void explainingLeavesTheNetworkUntouched() {
        MultiLayerNetwork net = net(4, 6, 2, 0, true, true);
        INDArray params = net.params().dup();
        String json = net.getLayerWiseConfigurations().toJson();
        INDArray x = AttentionChecks.uniform(61, 1.5, 2, 4, T);
        INDArray before = net.output(x);
        DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(x, AttentionChecks.uniform(62, 0.5, 1, 4, T),
                Target.unitAtStep(0, 1), AttentionChecks.tailMask(T, 0, 2));
        assertEquals(params, net.params());
        assertEquals(json, net.getLayerWiseConfigurations().toJson());
        assertEquals(before, net.output(x));
    }
}
