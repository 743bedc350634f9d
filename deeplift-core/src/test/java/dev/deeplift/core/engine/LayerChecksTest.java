package dev.deeplift.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.LayerChecks;
import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.Target;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.nodes.ElementwiseNode;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.nodes.WeightedSumNode;
import dev.deeplift.core.ops.DenseOp;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-node exactness report: on a 20-node network with a deliberately wrong rule injected into one node, the
 * report names that node, for every node it is injected into; without one every node conserves to rounding. In
 * DOUBLE (ND4J's sums) and in FLOAT (the fused sweeps of {@code PairSums}, whose report equals that of the ND4J ops).
 */
class LayerChecksTest {
    private static final int BLOCKS = 6;

    /** A node that sends back 10% too much: a wrong rule. */
    private record Broken(RuleNode inner) implements RuleNode {
        @Override
        public LayerKind kind() {
            return inner.kind();
        }

        @Override
        public boolean carriesSplit() {
            return inner.carriesSplit();
        }

        @Override
        public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
            return inner.forward(inputs, context);
        }

        @Override
        public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                          NodeContext context) {
            List<Multipliers> back = new ArrayList<>();
            for (Multipliers m : inner.backward(out, inputs, output, context)) {
                back.add(Multipliers.of(m.plus().mul(1.1), m.minus().mul(1.1)));
            }
            return back;
        }
    }

    /**
     * in → 6 blocks of (dense → relu or tanh, plus the block's input) → dense → tanh: 20 nodes besides the input
     * (6·3 + 2).
     */
    private static NodeGraph network(int broken, DataType type) {
        Nd4j.getRandom().setSeed(77);
        NodeGraphBuilder b = new NodeGraphBuilder().addInput("in", new InputNode(5));
        String prev = "in";
        int index = 0;
        List<RuleNode> nodes = new ArrayList<>();
        for (int k = 0; k < BLOCKS; k++) {
            RuleNode dense = new LinearNode(LayerKind.DENSE, new DenseOp(Nd4j.randn(type, 5, 5).muli(0.6),
                    Nd4j.randn(type, 1, 5).muli(0.1)));
            RuleNode act = new ElementwiseNode(k % 2 == 0 ? ElementwiseFunctions.relu()
                    : ElementwiseFunctions.of("tanh", org.nd4j.linalg.activations.Activation.TANH
                    .getActivationFunction()));
            String d = "dense" + k;
            String a = "act" + k;
            b.addNode(d, index++ == broken ? new Broken(dense) : dense, prev);
            b.addNode(a, index++ == broken ? new Broken(act) : act, d);
            String s = "sum" + k;
            RuleNode sum = WeightedSumNode.sum(2);
            b.addNode(s, index++ == broken ? new Broken(sum) : sum, a, prev);
            prev = s;
        }
        RuleNode out = new LinearNode(LayerKind.DENSE, new DenseOp(Nd4j.randn(type, 5, 3), null));
        b.addNode("dense_out", index++ == broken ? new Broken(out) : out, prev);
        RuleNode last = new ElementwiseNode(ElementwiseFunctions.of("tanh",
                org.nd4j.linalg.activations.Activation.TANH.getActivationFunction()));
        b.addNode("act_out", index == broken ? new Broken(last) : last, "dense_out");
        return b.setOutputs("act_out").build();
    }

    private static NodeGraph network(int broken) {
        return network(broken, DataType.DOUBLE);
    }

    private static Attribution explain(NodeGraph g, Rule rule) {
        return explain(g, rule, DataType.DOUBLE);
    }

    private static Attribution explain(NodeGraph g, Rule rule, DataType type) {
        ExplainedModel model = new ExplainedModel(g, type, List.of(3L), null, "20 nodes",
                List.of("out"), java.util.Map.of());
        GraphExplainer explainer = new GraphExplainer(model, Settings.DEFAULT.withPolicy(RulePolicy.uniform(rule))
                .withLayerChecks(true));
        Nd4j.getRandom().setSeed(99);
        INDArray x = Nd4j.randn(type, 6, 5);
        INDArray ref = Nd4j.randn(type, 1, 5).muli(0.3);
        return explainer.explain(List.of(x), List.of(ref), Target.of(0, 1));
    }

    @Test
    void withoutAWrongRuleEveryNodeConservesToRounding() {
        NodeGraph g = network(-1);
        assertEquals(21, g.size(), "20 nodes and the input");
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = explain(g, rule);
            assertTrue(a.deltas().amaxNumber().doubleValue() > 0.1, "a target that changes: " + a.deltas());
            assertTrue(a.maxSummationError() < 1e-12, rule + ": " + a);
            LayerChecks checks = a.layerChecks().orElseThrow();
            for (String node : checks.nodes()) {
                assertTrue(checks.maxError(node) < 1e-12, rule + " " + node + ": " + checks.maxError(node));
            }
            assertEquals(20, checks.nodes().size(), rule + ": every node the seed reaches is checked");
        }
    }

    @Test
    void theReportNamesTheNodeWithTheWrongRuleWhereverItIs() {
        for (int broken = 0; broken < 20; broken++) {
            NodeGraph g = network(broken);
            String name = g.entry(broken + 1).name();
            // RevealCancel at every third position keeps the test short; Rescale everywhere.
            for (Rule rule : broken % 3 == 0 ? new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL} : new Rule[] {Rule.RESCALE}) {
                Attribution a = explain(g, rule);
                LayerChecks.Worst worst = a.layerChecks().orElseThrow().worst();

                assertEquals(name, worst.node(), rule + ", wrong rule at " + name + ": " + a.layerChecks());
                assertTrue(worst.relativeError() > 1e-6, worst.toString());
            }
        }
    }

    @Test
    void withoutLayerChecksNoReportIsMade() {
        ExplainedModel model = new ExplainedModel(network(-1), DataType.DOUBLE, List.of(3L), null, "20 nodes",
                List.of("out"), java.util.Map.of());
        Attribution a = new GraphExplainer(model, Settings.DEFAULT).explain(List.of(Nd4j.randn(DataType.DOUBLE, 2, 5)),
                List.of(Nd4j.zeros(DataType.DOUBLE, 1, 5)), Target.of(0, 0));
        assertTrue(a.layerChecks().isEmpty());
    }

    @Test
    void inFloatTheReportNamesTheWrongNodeAndMatchesTheNd4jOps() {
        NodeGraph exact = network(-1, DataType.FLOAT);
        Attribution fused = explain(exact, Rule.RESCALE, DataType.FLOAT);
        Attribution ops = dev.deeplift.core.kernels.Kernels.withNd4jPath(
                () -> explain(exact, Rule.RESCALE, DataType.FLOAT));
        LayerChecks a = fused.layerChecks().orElseThrow();
        LayerChecks b = ops.layerChecks().orElseThrow();
        assertEquals(b.nodes(), a.nodes());
        for (String node : a.nodes()) {
            double scale = b.scales(node).amaxNumber().doubleValue();
            assertTrue(a.maxError(node) < 1e-5 * (1 + scale), node + ": " + a.maxError(node));
            for (int i = 0; i < 6; i++) {
                assertEquals(b.scales(node).getDouble(i), a.scales(node).getDouble(i), 1e-5 * (1 + scale), node);
            }
        }
        for (int broken = 0; broken < 20; broken++) {
            NodeGraph g = network(broken, DataType.FLOAT);
            LayerChecks.Worst worst = explain(g, Rule.RESCALE, DataType.FLOAT).layerChecks().orElseThrow().worst();
            assertEquals(g.entry(broken + 1).name(), worst.node(), "FLOAT, wrong rule at " + broken);
        }
    }
}
