package dev.deeplift.core.nodes.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Layout;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.engine.ForwardPass;
import dev.deeplift.core.engine.Propagator;
import dev.deeplift.core.engine.RulePlan;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.core.graph.RuleNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Recurrent nodes on their own: for a random linear functional of the outputs, the input scores sum to the
 * functional's change, for every cell, direction, mask source, layout and rule.
 */
class RecurrentNodeTest {
    private static final ElementwiseFunction TANH = ElementwiseFunctions.fromActivation(
            Activation.TANH.getActivationFunction()).orElseThrow();
    private static final ElementwiseFunction SIGMOID = ElementwiseFunctions.fromActivation(
            Activation.SIGMOID.getActivationFunction()).orElseThrow();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (String cell : List.of("lstm", "graves", "simple")) {
            for (StepMask.Kind mask : StepMask.Kind.values()) {
                for (Rule rule : List.of(Rule.RESCALE, Rule.REVEAL_CANCEL)) {
                    out.add(Arguments.of(cell, mask, rule, Layout.NCW, false, 7));
                    out.add(Arguments.of(cell, mask, rule, Layout.NWC, true, 7));
                }
            }
            out.add(Arguments.of(cell, StepMask.Kind.GIVEN, Rule.REVEAL_CANCEL, Layout.NCW, true, 1));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} mask={1} {2} {3} backwards={4} T={5}")
    @MethodSource("cases")
    void scoresSumToTheChangeOfALinearFunctionalOfTheOutputs(String cell, StepMask.Kind maskKind, Rule rule,
                                                             Layout layout, boolean backwards, int steps) {
        int n = 4;
        int nIn = 3;
        int h = 5;
        StepMask mask = switch (maskKind) {
            case NONE -> StepMask.none();
            case GIVEN -> StepMask.given();
            case DERIVED -> StepMask.derived(0.0);
        };
        RuleNode node = node(cell, nIn, h, layout, backwards, mask);
        NodeGraphBuilder b = new NodeGraphBuilder().addInput("x", new InputNode(layout == Layout.NCW
                ? new long[] {nIn, -1} : new long[] {-1, nIn}));
        if (mask.kind() == StepMask.Kind.GIVEN) {
            b.addInput("mask", InputNode.maskOf(0, layout == Layout.NCW ? 2 : 1));
            b.addNode("rnn", node, "x", "mask");
        } else {
            b.addNode("rnn", node, "x");
        }
        NodeGraph g = b.setOutputs("rnn").build();
        INDArray x = uniform(11, layout == Layout.NCW ? new long[] {n, nIn, steps} : new long[] {n, steps, nIn});
        INDArray ref = uniform(12, layout == Layout.NCW ? new long[] {1, nIn, steps} : new long[] {1, steps, nIn});
        if (mask.kind() == StepMask.Kind.DERIVED && steps > 2) {
            zeroStep(x, layout, 0, steps - 1);
            zeroStep(x, layout, 1, 2);
            zeroStep(ref, layout, 0, 0);
        }
        List<INDArray> inputs = new ArrayList<>(List.of(x));
        List<INDArray> refs = new ArrayList<>(List.of(ref));
        if (mask.kind() == StepMask.Kind.GIVEN) {
            INDArray m = Nd4j.ones(DataType.DOUBLE, n, steps);
            if (steps > 2) {
                m.putScalar(1, steps - 1, 0.0);
                m.putScalar(2, 0, 0.0);
                m.putScalar(3, 1, 0.0);
            }
            inputs.add(m);
            refs.add(m);
        }
        Propagator p = new Propagator(g, RulePlan.create(g, RulePolicy.uniform(rule), MaxPoolMode.CROSS_MAX, 1e-10));
        ForwardPass pass = p.forward(inputs, refs);
        INDArray seed = uniform(13, pass.activations(g.indexOf("rnn")).input().shape());
        INDArray mult = p.backward(pass, g.indexOf("rnn"), seed).get(0);
        INDArray scores = mult.mul(x.sub(ref)).reshape(n, -1).sum(1);
        INDArray delta = pass.activations(g.indexOf("rnn")).delta().mul(seed).reshape(n, -1).sum(1);
        double scale = 1 + Transforms.abs(delta).maxNumber().doubleValue();
        double err = Transforms.abs(scores.sub(delta)).maxNumber().doubleValue() / scale;
        assertTrue(err < 1e-12, "relative summation error " + err + " scores " + scores + " deltas " + delta);
    }

    private static void zeroStep(INDArray a, Layout layout, int example, int step) {
        if (a.size(0) <= example) {
            return;
        }
        for (int c = 0; c < (layout == Layout.NCW ? a.size(1) : a.size(2)); c++) {
            a.putScalar(layout == Layout.NCW ? new long[] {example, c, step} : new long[] {example, step, c}, 0.0);
        }
    }

    static RuleNode node(String cell, int nIn, int h, Layout layout, boolean backwards, StepMask mask) {
        return switch (cell) {
            case "lstm" -> new LstmNode(uniform(1, nIn, 4L * h), uniform(2, h, 4L * h), uniform(3, 1, 4L * h), TANH,
                    SIGMOID, false, layout, backwards, mask);
            case "graves" -> new LstmNode(uniform(1, nIn, 4L * h), uniform(2, h, 4L * h + 3), uniform(3, 1, 4L * h),
                    TANH, SIGMOID, true, layout, backwards, mask);
            default -> new SimpleRnnNode(uniform(1, nIn, h), uniform(2, h, h), uniform(3, 1, h), TANH, layout,
                    backwards, mask);
        };
    }

    static INDArray uniform(long seed, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2.0);
    }
}
