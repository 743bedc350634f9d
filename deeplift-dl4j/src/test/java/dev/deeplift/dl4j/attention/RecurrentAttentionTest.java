package dev.deeplift.dl4j.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.Target;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.dl4j.DeepLift;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleUnaryOperator;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * RecurrentAttentionLayer explained exactly: unrolled over the time steps DL4J fixed, attention at every step over
 * all steps, scores summing to DL4J's output differences.
 */
class RecurrentAttentionTest {
    private static final int T = 4;

    /** A network of one RecurrentAttentionLayer, run once (DL4J fixes T then), with a non-zero bias. */
    static MultiLayerNetwork net(int nIn, int nOut, int heads, boolean project, boolean bias, Activation act,
                                 boolean run) {
        RecurrentAttentionLayer.Builder b = new RecurrentAttentionLayer.Builder().nIn(nIn).nOut(nOut).nHeads(heads)
                .projectInput(project).hasBias(bias);
        if (act != null) {
            b.activation(act);
        }
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(7).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.NORMAL).activation(Activation.SOFTSIGN).list().layer(b.build())
                .setInputType(InputType.recurrent(nIn, T)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Map<String, INDArray> p = net.getLayer(0).paramTable();
        if (p.containsKey("b")) {
            Nd4j.getRandom().setSeed(3);
            p.get("b").assign(Nd4j.rand(DataType.DOUBLE, p.get("b").shape()).subi(0.5));
        }
        if (run) {
            net.output(Nd4j.zeros(DataType.DOUBLE, 1, nIn, T));
        }
        return net;
    }

    static DoubleUnaryOperator fn(Activation a) {
        return switch (a) {
            case TANH -> Math::tanh;
            case RELU, LEAKYRELU -> z -> Math.max(0, z);
            case SIGMOID -> z -> 1 / (1 + Math.exp(-z));
            default -> throw new IllegalArgumentException(a.toString());
        };
    }

    static HandRecurrentAttention hand(MultiLayerNetwork net, Activation act) {
        Map<String, INDArray> p = net.getLayer(0).paramTable();
        boolean project = p.containsKey("Wq");
        return new HandRecurrentAttention(Arrays3.d2(p.get("W")), Arrays3.d2(p.get("RW")),
                p.containsKey("b") ? Arrays3.d1(p.get("b")) : null,
                project ? Arrays3.d3(p.get("Wq")) : null, project ? Arrays3.d3(p.get("Wk")) : null,
                project ? Arrays3.d3(p.get("Wv")) : null, project ? Arrays3.d2(p.get("Wo")) : null, fn(act));
    }

    /** nIn, nOut, heads, projectInput, hasBias, activation (null: the builder's default, TANH). */
    private static final Object[][] CONFIGS = {{4, 6, 2, true, true, null}, {5, 5, 1, false, true, Activation.RELU},
        {3, 4, 2, true, false, Activation.LEAKYRELU}, {4, 4, 1, false, false, Activation.SIGMOID}};

    private static MultiLayerNetwork net(Object[] c) {
        return net((int) c[0], (int) c[1], (int) c[2], (boolean) c[3], (boolean) c[4], (Activation) c[5], true);
    }

    private static Activation act(Object[] c) {
        return c[5] == null ? Activation.TANH : (Activation) c[5];
    }

    @Test
    void theHandForwardIsDl4jsWithAndWithoutMask() {
        Random r = new Random(1);
        for (Object[] c : CONFIGS) {
            MultiLayerNetwork net = net(c);
            double[][][] x = Arrays3.random(r, 3, (int) c[0], T, 1.0);
            double[][] mask = Arrays3.tailMask(T, 0, 1, 2);
            double[][][] plain = Arrays3.d3(net.output(Arrays3.nd(x)));
            assertTrue(Arrays3.maxAbsDiff(plain, hand(net, act(c)).forward(x, null)) < 1e-12);
            double[][][] masked = Arrays3.d3(net.output(Arrays3.nd(x), false, Arrays3.nd(mask), null));
            assertTrue(Arrays3.maxAbsDiff(masked, hand(net, act(c)).forward(x, mask)) < 1e-12);
        }
    }

    @Test
    void scoresSumToDl4jsOutputDifferencesUnderRescaleAndRevealCancelWithAndWithoutMask() {
        INDArray mask = AttentionChecks.tailMask(T, 0, 1, 2);
        for (Object[] c : CONFIGS) {
            MultiLayerNetwork net = net(c);
            int nIn = (int) c[0];
            int nOut = (int) c[1];
            INDArray x = AttentionChecks.uniform(11, 1.5, 3, nIn, T);
            INDArray ref = AttentionChecks.uniform(12, 0.5, 3, nIn, T);
            INDArray shared = AttentionChecks.uniform(13, 0.5, 1, nIn, T);
            for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
                DeepLift dl = DeepLift.of(net).withRule(rule);
                // The last step of the last feature, and step 2 of feature 1.
                AttentionChecks.check(dl, x, ref, null, nOut * T - 1, (in, m) -> AttentionChecks.output(net, in, m));
                AttentionChecks.check(dl, x, shared, mask, nOut * T - 1,
                        (in, m) -> AttentionChecks.output(net, in, m));
                AttentionChecks.check(dl, x, ref, mask, T + 2, (in, m) -> AttentionChecks.output(net, in, m));
            }
        }
    }

    @Test
    void theActivationAndTheAttentionTakeTheirKindsRules() {
        MultiLayerNetwork net = net(CONFIGS[0]);
        INDArray x = AttentionChecks.uniform(21, 2.0, 2, 4, T);
        INDArray ref = AttentionChecks.uniform(22, 0.5, 1, 4, T);
        Target t = Target.unitAtStep(1, 1);
        Attribution rescale = DeepLift.of(net).withRule(Rule.RESCALE).explain(x, ref, t);
        Attribution recurrent = DeepLift.of(net).withRules(RulePolicy.uniform(Rule.RESCALE)
                .with(LayerKind.RECURRENT, Rule.REVEAL_CANCEL)).explain(x, ref, t);
        Attribution attention = DeepLift.of(net).withRules(RulePolicy.uniform(Rule.RESCALE)
                .with(LayerKind.ATTENTION, Rule.REVEAL_CANCEL)).explain(x, ref, t);
        assertTrue(AttentionChecks.maxDiff(rescale.scores(), recurrent.scores()) > 1e-6);
        assertTrue(AttentionChecks.maxDiff(rescale.scores(), attention.scores()) > 1e-6);
        assertTrue(AttentionChecks.maxDiff(recurrent.scores(), attention.scores()) > 1e-6);
    }

    @Test
    void anExampleAloneGetsTheScoresItGetsInABatch() {
        MultiLayerNetwork net = net(CONFIGS[0]);
        INDArray x = AttentionChecks.uniform(41, 1.5, 3, 4, T);
        INDArray ref = AttentionChecks.uniform(42, 0.5, 1, 4, T);
        INDArray mask = AttentionChecks.tailMask(T, 0, 1, 2);
        DeepLift dl = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL);
        Attribution batch = dl.explain(x, ref, Target.unitAtStep(1, 3), mask);
        for (int n = 0; n < 3; n++) {
            Attribution alone = dl.explain(x.get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.all(),
                    NDArrayIndex.all()), ref, Target.unitAtStep(1, 3), mask.get(NDArrayIndex.interval(n, n + 1),
                    NDArrayIndex.all()));
            INDArray inBatch = batch.scores().get(NDArrayIndex.interval(n, n + 1), NDArrayIndex.all(),
                    NDArrayIndex.all());
            assertTrue(AttentionChecks.maxDiff(alone.scores(), inBatch) <= 1e-12, "example " + n);
        }
    }

    @Test
    void aNetworkThatHasNeverRunIsRefusedAndOtherLengthsThanDl4jsAreRefusedBeforeWork() {
        MultiLayerNetwork fresh = net(4, 6, 2, true, true, null, false);
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(fresh));
        assertTrue(e.getMessage().contains("first forward pass"), e.getMessage());
        MultiLayerNetwork net = net(CONFIGS[0]);
        INDArray x = AttentionChecks.uniform(51, 1.0, 2, 4, T + 1);
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> DeepLift.of(net).explain(x, x.mul(0), Target.unitAtStep(0, 0)));
        assertTrue(wrong.getMessage().contains("runs on " + T + " time steps"), wrong.getMessage());
        assertEquals(T, ((RecurrentAttentionLayer) net.getLayer(0).conf().getLayer()).getTimeSteps());
    }
}
