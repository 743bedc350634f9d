package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.engine.ExplainedModel;
import dev.deeplift.core.engine.ForwardPass;
import dev.deeplift.core.engine.Propagator;
import dev.deeplift.core.engine.RulePlan;
import dev.deeplift.dl4j.DeepLift;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Three independent forward passes agree within 1e-12 for every recurrent case: the hand-written double forwards
 * (plain Java, DL4J's semantics as documented in the research notes), DL4J's {@code output()}, and the explainer's
 * own forward pass of the converted graph.
 */
class HandForwardTest {

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String name : List.of("LSTM", "GravesLSTM", "SimpleRnn", "GravesBidirectionalLSTM",
                "Bidirectional CONCAT LSTM", "Bidirectional ADD SimpleRnn", "Bidirectional MUL GravesLSTM",
                "Bidirectional AVERAGE LSTM", "LastTimeStep LSTM", "LastTimeStep SimpleRnn",
                "Bidirectional MUL LastTimeStep LSTM", "MaskZeroLayer LSTM", "MaskZeroLayer SimpleRnn",
                "GlobalPooling MAX", "GlobalPooling AVG", "GlobalPooling SUM", "GlobalPooling PNORM")) {
            RnnCases c = RnnCases.all().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
            out.add(Arguments.of(c, RNNFormat.NCW));
            if (!c.ncwOnly()) {
                out.add(Arguments.of(c, RNNFormat.NWC));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void handForwardDl4jOutputAndTheExplainersForwardAgree(RnnCases c, RNNFormat f) {
        int steps = 7;
        double[][][] xs = RnnNets.sequences(21, 4, steps, 3);
        java.util.Arrays.fill(xs[1][6], 0.0);
        java.util.Arrays.fill(xs[3][1], 0.0);
        double[][] mask = RnnNets.masks(steps);
        MultiLayerNetwork net = RnnNets.mln(13, c.layers().apply(f));
        INDArray x = RnnNets.input(xs, f);
        INDArray dl4j = RnnNets.output(net, x, RnnNets.array(mask));

        INDArray hand = c.sequenceOutput() ? Seq.toArray(hand3(c, net, xs, mask), f)
                : Nd4j.createFromArray(hand2(c, net, xs, mask));
        double handError = Transforms.abs(hand.sub(dl4j)).maxNumber().doubleValue();
        assertTrue(handError < 1e-12, "hand forward vs DL4J: " + handError);

        ExplainedModel model = DeepLift.of(net).model();
        Propagator p = new Propagator(model.graph(), RulePlan.create(model.graph(), RulePolicy.uniform(Rule.RESCALE),
                MaxPoolMode.CROSS_MAX, 1e-10));
        INDArray m = RnnNets.array(mask);
        ForwardPass pass = p.forward(List.of(x, m), List.of(x, m));
        INDArray ours = pass.activations(model.outputNode(0)).input();
        double ourError = Transforms.abs(ours.sub(dl4j)).maxNumber().doubleValue();
        assertTrue(ourError < 1e-12, "explainer's forward vs DL4J: " + ourError);
    }

    /** Sequence outputs: the recurrent layer by hand, then the identity RnnOutputLayer. */
    private static double[][][] hand3(RnnCases c, MultiLayerNetwork net, double[][][] x, double[][] mask) {
        Layer l = net.getLayer(0);
        Layer out = net.getLayer(1);
        double[][][] h = switch (c.name()) {
            case "LSTM" -> lstm(l, "", Act.TANH, Act.SIGMOID, false).forward(x, null);
            case "GravesLSTM" -> lstm(l, "", Act.SOFTSIGN, Act.HARDSIGMOID, true).forward(x, null);
            case "SimpleRnn" -> simple(l, "").forward(x, mask);
            case "GravesBidirectionalLSTM" -> {
                HandLstm fwd = new HandLstm(Seq.mat(l.getParam("WF")), Seq.mat(l.getParam("RWF")),
                        Seq.vec(l.getParam("bF")), Act.TANH, Act.SIGMOID, true);
                HandLstm bwd = new HandLstm(Seq.mat(l.getParam("WB")), Seq.mat(l.getParam("RWB")),
                        Seq.vec(l.getParam("bB")), Act.TANH, Act.SIGMOID, true);
                yield Seq.merge(fwd.run(x, mask, false), bwd.run(x, mask, true), Seq.Mode.ADD);
            }
            case "Bidirectional CONCAT LSTM" -> Seq.bidirectional(x, null, (a, m) -> lstm(l, "f", Act.TANH,
                    Act.SIGMOID, false).forward(a, m), (a, m) -> lstm(l, "b", Act.TANH, Act.SIGMOID, false)
                    .forward(a, m), Seq.Mode.CONCAT);
            case "Bidirectional ADD SimpleRnn" -> Seq.bidirectional(x, mask, (a, m) -> simple(l, "f").forward(a, m),
                    (a, m) -> simple(l, "b").forward(a, m), Seq.Mode.ADD);
            case "Bidirectional MUL GravesLSTM" -> Seq.bidirectional(x, null, (a, m) -> lstm(l, "f", Act.TANH,
                    Act.SIGMOID, true).forward(a, m), (a, m) -> lstm(l, "b", Act.TANH, Act.SIGMOID, true)
                    .forward(a, m), Seq.Mode.MUL);
            case "Bidirectional AVERAGE LSTM" -> Seq.bidirectional(x, null, (a, m) -> lstm(l, "f", Act.TANH,
                    Act.SIGMOID, false).forward(a, m), (a, m) -> lstm(l, "b", Act.TANH, Act.SIGMOID, false)
                    .forward(a, m), Seq.Mode.AVERAGE);
            case "MaskZeroLayer LSTM" -> lstm(l, "", Act.TANH, Act.SIGMOID, false).forward(x, zeroStepMask(x));
            case "MaskZeroLayer SimpleRnn" -> simple(l, "").forward(x, zeroStepMask(x));
            default -> throw new IllegalArgumentException(c.name());
        };
        return Seq.dense(h, Seq.mat(out.getParam("W")), Seq.vec(out.getParam("b")), Act.IDENTITY, null);
    }

    /** Vector outputs: the layers by hand, then the identity OutputLayer. */
    private static double[][] hand2(RnnCases c, MultiLayerNetwork net, double[][][] x, double[][] mask) {
        Layer l = net.getLayer(0);
        Layer out = net.getLayer(c.name().startsWith("GlobalPooling") ? 2 : 1);
        double[][] v = switch (c.name()) {
            case "LastTimeStep LSTM" -> Seq.lastStep(lstm(l, "", Act.TANH, Act.SIGMOID, false).forward(x, mask),
                    mask);
            case "LastTimeStep SimpleRnn" -> Seq.lastStep(simple(l, "").forward(x, mask), mask);
            case "Bidirectional MUL LastTimeStep LSTM" -> {
                // The backward layer's last step of the reversed sequence is its state after the first real step.
                double[][] f = Seq.lastStep(lstm(l, "f", Act.TANH, Act.SIGMOID, false).forward(x, mask), mask);
                double[][] b = Seq.lastStep(lstm(l, "b", Act.TANH, Act.SIGMOID, false)
                        .forward(Seq.reverseTime(x), Seq.reverseTime(mask)), Seq.reverseTime(mask));
                double[][] r = new double[f.length][f[0].length];
                for (int i = 0; i < f.length; i++) {
                    for (int j = 0; j < f[0].length; j++) {
                        r[i][j] = f[i][j] * b[i][j];
                    }
                }
                yield r;
            }
            default -> Seq.pool(lstm(l, "", Act.TANH, Act.SIGMOID, false).forward(x, null), mask,
                    c.name().substring("GlobalPooling ".length()), 2);
        };
        double[][] w = Seq.mat(out.getParam("W"));
        double[] b = Seq.vec(out.getParam("b"));
        double[][] r = new double[v.length][w[0].length];
        for (int i = 0; i < v.length; i++) {
            for (int j = 0; j < w[0].length; j++) {
                r[i][j] = b[j];
                for (int k = 0; k < w.length; k++) {
                    r[i][j] += v[i][k] * w[k][j];
                }
            }
        }
        return r;
    }

    private static HandLstm lstm(Layer l, String prefix, Act act, Act gate, boolean peephole) {
        Layer inner = l instanceof LastTimeStepLayer t ? t.getUnderlying() : l;
        return new HandLstm(Seq.mat(inner.getParam(prefix + "W")), Seq.mat(inner.getParam(prefix + "RW")),
                Seq.vec(inner.getParam(prefix + "b")), act, gate, peephole);
    }

    private static HandSimpleRnn simple(Layer l, String prefix) {
        return new HandSimpleRnn(Seq.mat(l.getParam(prefix + "W")), Seq.mat(l.getParam(prefix + "RW")),
                Seq.vec(l.getParam(prefix + "b")), Act.TANH);
    }

    /** MaskZeroLayer's mask: 0 where every feature of a step is the masking value 0. */
    private static double[][] zeroStepMask(double[][][] x) {
        double[][] m = new double[x.length][x[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int t = 0; t < x[0].length; t++) {
                for (double v : x[i][t]) {
                    if (v != 0.0) {
                        m[i][t] = 1;
                    }
                }
            }
        }
        return m;
    }
}
