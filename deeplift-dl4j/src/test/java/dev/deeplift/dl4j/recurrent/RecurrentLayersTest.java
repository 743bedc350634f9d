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
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Every recurrent layer and wrapper, in NCW and NWC, with and without masks, T = 1 and 7, Rescale and RevealCancel,
 * as a MultiLayerNetwork and as a ComputationGraph: the explained deltas are DL4J's own output differences, and the
 * scores sum to them within 1e-10 of the largest delta. (Global pooling of NWC data is DL4J's defect and is tested
 * in {@link SequenceDefectsTest}.)
 */
class RecurrentLayersTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (RnnCases c : RnnCases.all()) {
            RNNFormat ncw = RNNFormat.NCW;
            out.add(Arguments.of(c, ncw, Rule.RESCALE, 7, true, false));
            out.add(Arguments.of(c, ncw, Rule.REVEAL_CANCEL, 7, false, false));
            out.add(Arguments.of(c, ncw, Rule.REVEAL_CANCEL, 1, true, false));
            out.add(Arguments.of(c, ncw, Rule.REVEAL_CANCEL, 7, true, true));
            if (!c.ncwOnly()) {
                RNNFormat nwc = RNNFormat.NWC;
                out.add(Arguments.of(c, nwc, Rule.REVEAL_CANCEL, 7, true, false));
                out.add(Arguments.of(c, nwc, Rule.RESCALE, 7, false, true));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} T={3} masked={4} graph={5}")
    @MethodSource("cases")
    void deltasAreDl4jOutputDifferencesAndScoresSumToThem(RnnCases c, RNNFormat f, Rule rule, int steps,
                                                          boolean masked, boolean graph) {
        int n = 4;
        double[][][] xs = RnnNets.sequences(7, n, steps, RnnCases.IN);
        double[][][] refs = RnnNets.sequences(8, 1, steps, RnnCases.IN);
        if (c.zeroSteps() && steps > 1) {
            java.util.Arrays.fill(xs[1][steps - 1], 0.0);
            java.util.Arrays.fill(xs[3][1], 0.0);
            java.util.Arrays.fill(refs[0][0], 0.0);
        }
        INDArray x = RnnNets.input(xs, f);
        INDArray ref = RnnNets.input(refs, f);
        INDArray mask = masked ? RnnNets.array(RnnNets.masks(steps)) : null;
        DeepLift explainer;
        INDArray out;
        INDArray outRef;
        if (graph) {
            ComputationGraph g = RnnNets.graph(3, c.layers().apply(f));
            explainer = DeepLift.of(g);
            out = RnnNets.output(g, x, mask);
            outRef = RnnNets.output(g, ref.repeat(0, n), mask);
        } else {
            MultiLayerNetwork net = RnnNets.mln(3, c.layers().apply(f));
            explainer = DeepLift.of(net);
            out = RnnNets.output(net, x, mask);
            outRef = RnnNets.output(net, ref.repeat(0, n), mask);
        }
        int[] units = {0, 1, 2, 1};
        int[] stepOf = {steps - 1, steps / 2, 0, Math.min(2, steps - 1)};
        Target target = c.sequenceOutput() ? Target.perExample(0, units).atSteps(stepOf) : Target.perExample(0, units);
        Attribution a = explainer.withRule(rule).explain(x, ref, target, mask);

        double[] expected = new double[n];
        double largest = 0;
        for (int i = 0; i < n; i++) {
            expected[i] = value(out, i, units[i], stepOf[i], f, c) - value(outRef, i, units[i], stepOf[i], f, c);
            largest = Math.max(largest, Math.abs(expected[i]));
        }
        assertArrayEquals(expected, a.deltas().toDoubleVector(), 1e-10 * Math.max(1, largest), "deltas vs DL4J");
        double error = a.maxSummationError() / Math.max(largest, 1e-3);
        assertTrue(error <= 1e-10, "relative summation error " + error);
        assertArrayEquals(x.shape(), a.scores().shape());
    }

    private static double value(INDArray out, int i, int unit, int step, RNNFormat f, RnnCases c) {
        if (!c.sequenceOutput()) {
            return out.getDouble(i, unit);
        }
        return f == RNNFormat.NCW ? out.getDouble(i, unit, step) : out.getDouble(i, step, unit);
    }
}
