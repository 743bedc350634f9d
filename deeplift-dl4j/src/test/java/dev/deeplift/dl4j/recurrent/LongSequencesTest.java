package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;

/** T = 200 with small layers: summation-to-delta within 1e-10 of the largest delta, masked and not, both rules. */
class LongSequencesTest {
    private static final int STEPS = 200;

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String layer : List.of("LSTM", "GravesLSTM", "SimpleRnn", "GravesBidirectionalLSTM",
                "Bidirectional(LSTM)", "LastTimeStep(LSTM)")) {
            out.add(Arguments.of(layer, RNNFormat.NCW, Rule.RESCALE, true));
            out.add(Arguments.of(layer, RNNFormat.NWC, Rule.REVEAL_CANCEL, layer.startsWith("LSTM")));
        }
        return out.stream();
    }

    private static Layer layer(String name, RNNFormat f) {
        return switch (name) {
            case "LSTM" -> new LSTM.Builder().nIn(2).nOut(3).activation(Activation.TANH).dataFormat(f).build();
            case "GravesLSTM" -> new GravesLSTM.Builder().nIn(2).nOut(3).activation(Activation.TANH).dataFormat(f)
                    .build();
            case "SimpleRnn" -> new SimpleRnn.Builder().nIn(2).nOut(3).activation(Activation.TANH).dataFormat(f)
                    .build();
            case "GravesBidirectionalLSTM" -> new GravesBidirectionalLSTM.Builder().nIn(2).nOut(3)
                    .activation(Activation.TANH).dataFormat(f).build();
            case "Bidirectional(LSTM)" -> new Bidirectional(Bidirectional.Mode.CONCAT, new LSTM.Builder().nIn(2)
                    .nOut(3).activation(Activation.TANH).dataFormat(f).build());
            default -> new LastTimeStep(new LSTM.Builder().nIn(2).nOut(3).activation(Activation.TANH)
                    .dataFormat(f).build());
        };
    }

    @ParameterizedTest(name = "{0} {1} {2} masked={3}")
    @MethodSource("cases")
    void scoresSumToDeltaOverTwoHundredSteps(String name, RNNFormat f, Rule rule, boolean masked) {
        boolean last = name.startsWith("LastTimeStep");
        int units = name.startsWith("Bidirectional") ? 6 : 3;
        MultiLayerNetwork net = RnnNets.mln(11, layer(name, f), last ? out(units) : rnnOut(f, units));
        int n = 3;
        INDArray x = RnnNets.input(RnnNets.sequences(1, n, STEPS, 2), f);
        INDArray ref = RnnNets.input(RnnNets.sequences(2, 1, STEPS, 2), f);
        INDArray mask = null;
        if (masked) {
            double[][] m = new double[n][STEPS];
            for (int t = 0; t < STEPS; t++) {
                m[0][t] = 1;
                m[1][t] = t < 150 ? 1 : 0;
                m[2][t] = t % 7 == 3 ? 0 : 1;
            }
            mask = RnnNets.array(m);
        }
        Target target = last ? Target.of(0, 1) : Target.unitAtStep(1, STEPS - 1);
        Attribution a = DeepLift.of(net).withRule(rule).explain(x, ref, target, mask);
        INDArray out = RnnNets.output(net, x, mask);
        INDArray outRef = RnnNets.output(net, ref.repeat(0, n), mask);
        double[] expected = new double[n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            expected[i] = last ? out.getDouble(i, 1) - outRef.getDouble(i, 1)
                    : at(out, i, STEPS - 1, f) - at(outRef, i, STEPS - 1, f);
            largest = Math.max(largest, Math.abs(expected[i]));
        }
        assertArrayEquals(expected, a.deltas().toDoubleVector(), 1e-10 * Math.max(largest, 1e-3));
        assertTrue(a.maxSummationError() <= 1e-10 * Math.max(largest, 1e-3), "summation error "
                + a.maxSummationError() + " for deltas up to " + largest);
    }

    private static double at(INDArray out, int i, int step, RNNFormat f) {
        return f == RNNFormat.NCW ? out.getDouble(i, 1, step) : out.getDouble(i, step, 1);
    }

    private static Layer out(int nIn) {
        return RnnCases.out(nIn);
    }

    private static Layer rnnOut(RNNFormat f, int nIn) {
        return RnnCases.rnnOut(f, nIn);
    }
}
