package dev.deeplift.keras;

import static dev.deeplift.keras.KerasRecurrentFixtures.config;
import static dev.deeplift.keras.KerasRecurrentFixtures.floats;
import static dev.deeplift.keras.KerasRecurrentFixtures.maxDiff;
import static dev.deeplift.keras.KerasRecurrentFixtures.network;
import static dev.deeplift.keras.KerasRecurrentFixtures.nwc;
import static dev.deeplift.keras.KerasRecurrentFixtures.weights;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import java.util.Random;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasDense;
import org.deeplearning4j.nn.modelimport.keras.layers.recurrent.KerasSimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's import of Keras {@code SimpleRNN} ({@code KerasSimpleRnn}), driven with a Keras 2 layer configuration and
 * Keras-layout float32-representable weights (no Keras model with a SimpleRNN is small enough to keep), put into a
 * DOUBLE network and checked against {@link KerasHandRecurrent#simpleRnn}, Keras' definition in plain double Java:
 * the import must compute what Keras computes (kernel, recurrent kernel and bias copied 1:1, NWC, the activation,
 * {@code return_sequences=False} as the last step) to 1e-10. The imported networks are then explained with Rescale
 * and RevealCancel, whose scores must sum to the hand forward's difference from the reference; the smallest one
 * (1 unit, 1 feature, 2 steps) has its Rescale scores computed here by hand.
 */
class KerasSimpleRnnImportTest {
    private static final int N = 3;
    private static final int T = 4;
    private static final int C = 2;
    private static final int H = 3;

    private static KerasSimpleRnn simpleRnn(String activation, boolean returnSequences, int units, int steps,
                                            int features, double[][] k, double[][] u, double[] b) throws Exception {
        KerasSimpleRnn layer = new KerasSimpleRnn(config(KerasRecurrentFixtures.simpleRnn("rnn", units, activation,
                returnSequences, steps, features, "Zeros")), false);
        layer.setWeights(weights("", k, u, b));
        return layer;
    }

    private static KerasDense dense(int units, double[][] k, double[] b) throws Exception {
        KerasDense layer = new KerasDense(config(KerasRecurrentFixtures.dense("readout", units)), false);
        layer.setWeights(weights("", k, null, b));
        return layer;
    }

    /** Summation-to-delta relative to the size of the difference, and the deltas equal to the hand forward's. */
    static void assertExplained(Attribution a, double[] handDeltas, String what) {
        for (int i = 0; i < handDeltas.length; i++) {
            double scale = Math.max(1.0, Math.abs(handDeltas[i]));
            assertEquals(handDeltas[i], a.deltas().getDouble(i), 1e-10 * scale, what + ": delta of example " + i);
            assertTrue(a.summationErrors().getDouble(i) < 1e-10 * scale,
                    what + ": summation error " + a.summationErrors().getDouble(i) + " of example " + i);
        }
    }

    @ParameterizedTest(name = "activation {0}, return_sequences={1}")
    @CsvSource({"tanh, true", "tanh, false", "relu, true", "relu, false"})
    void simpleRnnImportsAsKerasComputesItAndIsExplainedExactly(String activation, boolean returnSequences)
            throws Exception {
        Random r = new Random(11);
        double[][] k = floats(r, C, H);
        double[][] u = floats(r, H, H);
        double[] b = floats(r, H);
        double[][][] x = KerasRecurrentFixtures.sequences(r, N, T, C);
        double[][][] ref = KerasRecurrentFixtures.sequences(r, 1, T, C);
        KerasSimpleRnn rnn = simpleRnn(activation, returnSequences, H, T, C, k, u, b);
        double[][][] hand = KerasHandRecurrent.simpleRnn(x, k, u, b, activation);
        double[][][] handRef = KerasHandRecurrent.simpleRnn(ref, k, u, b, activation);

        double[] deltas = new double[N];
        MultiLayerNetwork net;
        Target target;
        if (returnSequences) {
            SimpleRnn conf = assertInstanceOf(SimpleRnn.class, rnn.getLayer());
            assertEquals(RNNFormat.NWC, conf.getRnnDataFormat());
            net = network(T, C, rnn);
            assertTrue(maxDiff(hand, net.output(nwc(x))) < 1e-10, "outputs differ from Keras'");
            target = Target.unitAtStep(1, 2); // hidden unit 1 at step 2
            for (int i = 0; i < N; i++) {
                deltas[i] = hand[i][2][1] - handRef[0][2][1];
            }
        } else {
            LastTimeStep conf = assertInstanceOf(LastTimeStep.class, rnn.getLayer());
            assertInstanceOf(SimpleRnn.class, conf.getUnderlying());
            double[][] v = floats(r, H, 2);
            double[] c = floats(r, 2);
            net = network(T, C, rnn, dense(2, v, c));
            INDArray last = net.feedForward(nwc(x), false).get(1);
            assertTrue(maxDiff(KerasHandRecurrent.last(hand), last) < 1e-10, "last step differs from Keras'");
            double[][] logits = KerasHandRecurrent.dense(KerasHandRecurrent.last(hand), v, c);
            double[][] refLogits = KerasHandRecurrent.dense(KerasHandRecurrent.last(handRef), v, c);
            assertTrue(maxDiff(logits, net.output(nwc(x))) < 1e-10, "readout differs from Keras'");
            target = Target.of(0, 1);
            for (int i = 0; i < N; i++) {
                deltas[i] = logits[i][1] - refLogits[0][1];
            }
        }
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(nwc(x), nwc(ref), target);
            assertExplained(a, deltas, activation + " " + rule);
        }
    }

    @Test
    void rescaleScoresOfAOneUnitTwoStepSimpleRnnAreTheHandComputedOnes() throws Exception {
        double k = 0.75;
        double u = -0.5;
        double b = 0.125;
        double v = 1.5;
        double c = -0.25;
        double[] x = {0.5, -1.0};
        double[] r = {-0.25, 0.5};
        MultiLayerNetwork net = network(2, 1, simpleRnn("tanh", false, 1, 2, 1, new double[][] {{k}},
                new double[][] {{u}}, new double[] {b}), dense(1, new double[][] {{v}}, new double[] {c}));

        // Forward of both sides: z(t) = k·x(t) + u·h(t−1) + b, h(t) = tanh(z(t)), y = v·h(1) + c.
        double zx0 = k * x[0] + b;
        double zr0 = k * r[0] + b;
        double hx0 = Math.tanh(zx0);
        double hr0 = Math.tanh(zr0);
        double zx1 = k * x[1] + u * hx0 + b;
        double zr1 = k * r[1] + u * hr0 + b;
        double hx1 = Math.tanh(zx1);
        double hr1 = Math.tanh(zr1);
        // Backward: linear parts pass multipliers through their weights; tanh takes Δh/Δz (Rescale).
        double mZ1 = v * (hx1 - hr1) / (zx1 - zr1);
        double mX1 = k * mZ1;
        double mH0 = u * mZ1;
        double mZ0 = mH0 * (hx0 - hr0) / (zx0 - zr0);
        double mX0 = k * mZ0;
        double[] expected = {mX0 * (x[0] - r[0]), mX1 * (x[1] - r[1])};

        INDArray in = nwc(new double[][][] {{{x[0]}, {x[1]}}});
        INDArray refIn = nwc(new double[][][] {{{r[0]}, {r[1]}}});
        assertEquals(v * hx1 + c, net.output(in).getDouble(0, 0), 1e-15);
        Attribution a = DeepLift.of(net).withRule(Rule.RESCALE).explain(in, refIn, 0);
        assertEquals(expected[0], a.scores().getDouble(0, 0, 0), 1e-12);
        assertEquals(expected[1], a.scores().getDouble(0, 1, 0), 1e-12);
        assertEquals(v * (hx1 - hr1), a.deltas().getDouble(0), 1e-12);
        assertEquals(v * (hx1 - hr1), expected[0] + expected[1], 1e-12); // the hand scores sum to the delta too
    }
}
