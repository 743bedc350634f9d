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
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.modelimport.keras.layers.wrappers.KerasBidirectional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's import of Keras {@code Bidirectional} ({@code KerasBidirectional}) around an {@code LSTM} or a
 * {@code SimpleRNN}, for every merge mode DL4J imports (concat, sum, mul, ave; Keras' {@code None}, two outputs,
 * is refused by DL4J itself) and both values of {@code return_sequences}. Each layer is driven with a Keras 2
 * configuration and Keras-layout float32-representable weights ({@code forward_*}, {@code backward_*}), put into a
 * DOUBLE network and checked against {@link KerasHandRecurrent}: the backward copy reads the sequence from its end;
 * with {@code return_sequences=True} its outputs are put back in time order and merged step by step, with
 * {@code False} its final output (after reading step 0) is merged with the forward layer's last one. DL4J builds
 * the latter as {@code Bidirectional(LastTimeStep(X))}, which must mean the same. The networks are then explained
 * with Rescale and RevealCancel (a hidden unit at a step of the sequence output, or a unit of the merged last
 * output; for concat one of the backward half), and the scores must sum to the hand forward's difference from the
 * reference to 1e-10 relative.
 */
class KerasBidirectionalImportTest {
    private static final int N = 2;
    private static final int T = 3;
    private static final int C = 2;
    private static final int H = 2;

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (String inner : new String[] {"LSTM", "SimpleRNN"}) {
            for (String mode : new String[] {"concat", "sum", "mul", "ave"}) {
                for (boolean returnSequences : new boolean[] {true, false}) {
                    cases.add(Arguments.of(inner, mode, returnSequences));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "Bidirectional({0}, merge_mode={1}, return_sequences={2})")
    @MethodSource("cases")
    void bidirectionalImportsAsKerasComputesItAndIsExplainedExactly(String inner, String mode,
                                                                    boolean returnSequences) throws Exception {
        boolean lstm = "LSTM".equals(inner);
        int g = lstm ? 4 : 1;
        Random r = new Random(21);
        double[][] kf = floats(r, C, g * H);
        double[][] uf = floats(r, H, g * H);
        double[] bf = floats(r, g * H);
        double[][] kb = floats(r, C, g * H);
        double[][] ub = floats(r, H, g * H);
        double[] bb = floats(r, g * H);
        double[][][] x = KerasRecurrentFixtures.sequences(r, N, T, C);
        double[][][] ref = KerasRecurrentFixtures.sequences(r, 1, T, C);

        String innerJson = lstm ? KerasRecurrentFixtures.lstm("inner", H, returnSequences, -1, 0, "Zeros")
                : KerasRecurrentFixtures.simpleRnn("inner", H, "tanh", returnSequences, -1, 0, "Zeros");
        KerasBidirectional layer = new KerasBidirectional(config(KerasRecurrentFixtures.bidirectional("bidi",
                innerJson, mode, T, C)), false, Collections.emptyMap());
        Map<String, INDArray> w = weights("forward_", kf, uf, bf);
        w.putAll(weights("backward_", kb, ub, bb));
        layer.setWeights(w);
        Bidirectional conf = assertInstanceOf(Bidirectional.class, layer.getLayer());
        assertEquals(Map.of("concat", "CONCAT", "sum", "ADD", "mul", "MUL", "ave", "AVERAGE").get(mode),
                conf.getMode().name());
        Class<?> innerClass = lstm ? LSTM.class : SimpleRnn.class;
        if (returnSequences) {
            assertInstanceOf(innerClass, conf.getFwd());
        } else {
            assertInstanceOf(innerClass, assertInstanceOf(LastTimeStep.class, conf.getFwd()).getUnderlying());
        }
        MultiLayerNetwork net = network(T, C, layer);

        UnaryOperator<double[][][]> fwd = lstm ? s -> KerasHandRecurrent.lstm(s, kf, uf, bf)
                : s -> KerasHandRecurrent.simpleRnn(s, kf, uf, bf, "tanh");
        UnaryOperator<double[][][]> bwd = lstm ? s -> KerasHandRecurrent.lstm(s, kb, ub, bb)
                : s -> KerasHandRecurrent.simpleRnn(s, kb, ub, bb, "tanh");
        int unit = "concat".equals(mode) ? H + 1 : 1;
        int step = 1;
        double[] deltas = new double[N];
        Target target;
        INDArray out = net.output(nwc(x));
        if (returnSequences) {
            double[][][] hand = KerasHandRecurrent.bidirectionalSequences(x, fwd, bwd, mode);
            double[][][] handRef = KerasHandRecurrent.bidirectionalSequences(ref, fwd, bwd, mode);
            assertTrue(maxDiff(hand, out) < 1e-10, "outputs differ from Keras' by " + maxDiff(hand, out));
            target = Target.unitAtStep(unit, step);
            for (int i = 0; i < N; i++) {
                deltas[i] = hand[i][step][unit] - handRef[0][step][unit];
            }
        } else {
            double[][] hand = KerasHandRecurrent.bidirectionalLast(x, fwd, bwd, mode);
            double[][] handRef = KerasHandRecurrent.bidirectionalLast(ref, fwd, bwd, mode);
            assertTrue(maxDiff(hand, out) < 1e-10, "outputs differ from Keras' by " + maxDiff(hand, out));
            target = Target.of(0, unit);
            for (int i = 0; i < N; i++) {
                deltas[i] = hand[i][unit] - handRef[0][unit];
            }
        }
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(nwc(x), nwc(ref), target);
            KerasSimpleRnnImportTest.assertExplained(a, deltas, inner + " " + mode + " " + rule);
        }
    }
}
