package dev.deeplift.core.nodes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.engine.ExplainedModel;
import dev.deeplift.core.engine.GraphExplainer;
import dev.deeplift.core.engine.Settings;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.graph.TokenSpec;
import dev.deeplift.core.ops.DenseOp;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An embedding is the linear map of a one-hot token: the same network written as a dense layer over one-hot rows
 * must give, for every rule, a token score equal to the sum of the scores of its one-hot encoding (the gained
 * token's 1 and the lost reference token's −1), and the same deltas.
 */
class EmbeddingNodeTest {
    private static final int VOCAB = 5;
    private static final int WIDTH = 3;

    private static final INDArray W = Nd4j.createFromArray(new double[][] {
        {0.5, -1.0, 0.2}, {1.5, 0.3, -0.7}, {-0.4, 0.8, 1.1}, {0.0, -0.6, 0.9}, {2.0, 1.0, -1.2}});
    private static final INDArray B = Nd4j.createFromArray(new double[] {0.1, -0.2, 0.3});
    private static final INDArray W2 = Nd4j.createFromArray(new double[][] {{1.0, -0.5}, {-2.0, 0.7}, {0.4, 1.3}});

    private static GraphExplainer explainer(InputNode input, RuleNode first, Rule rule) {
        NodeGraph g = new NodeGraphBuilder()
                .addInput("in", input)
                .addNode("lookup", first, "in")
                .addNode("tanh", new ElementwiseNode(ElementwiseFunctions.of("tanh",
                        Activation.TANH.getActivationFunction())), "lookup")
                .addNode("out", new LinearNode(LayerKind.DENSE, new DenseOp(W2, null)), "tanh")
                .setOutputs("out")
                .build();
        ExplainedModel m = new ExplainedModel(g, DataType.DOUBLE, List.of(2L), null, "test", List.of("out"),
                Map.of());
        return new GraphExplainer(m, Settings.DEFAULT.withPolicy(RulePolicy.uniform(rule)).withLayerChecks(true));
    }

    private static INDArray oneHot(double[] tokens) {
        INDArray h = Nd4j.zeros(DataType.DOUBLE, tokens.length, VOCAB);
        for (int i = 0; i < tokens.length; i++) {
            h.putScalar(i, (int) tokens[i], 1.0);
        }
        return h;
    }

    @Test
    void tokenScoresAreTheSummedScoresOfTheOneHotDenseNetwork() {
        double[] x = {0, 1, 2, 3, 4, 4, 2};
        double[] ref = {1, 1, 4, 0, 2, 4, 0};
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL, Rule.GRADIENT}) {
            Attribution tokens = explainer(InputNode.tokens(TokenSpec.single(VOCAB, WIDTH)),
                    new EmbeddingNode(W, B, false, false), rule)
                    .explain(Nd4j.createFromArray(x).reshape(7, 1), Nd4j.createFromArray(ref).reshape(7, 1),
                            new int[] {0, 1, 0, 1, 0, 1, 0});
            Attribution dense = explainer(new InputNode(VOCAB), new LinearNode(LayerKind.DENSE, new DenseOp(W, B)),
                    rule).explain(oneHot(x), oneHot(ref), new int[] {0, 1, 0, 1, 0, 1, 0});
            for (int i = 0; i < x.length; i++) {
                double expected = x[i] == ref[i] ? 0.0
                        : dense.scores().getDouble(i, (int) x[i]) + dense.scores().getDouble(i, (int) ref[i]);
                assertEquals(expected, tokens.scores().getDouble(i, 0), 1e-12, rule + " example " + i);
                assertEquals(dense.deltas().getDouble(i), tokens.deltas().getDouble(i), 1e-12);
            }
            if (rule != Rule.GRADIENT) {
                assertTrue(tokens.maxSummationError() < 1e-12, rule.toString());
                assertTrue(tokens.layerChecks().orElseThrow().worst().error() < 1e-12, rule.toString());
            }
        }
    }

    @Test
    void sequencesInEitherLayoutScoreEachStepLikeOneTokenAtATime() {
        INDArray x = Nd4j.createFromArray(new double[][] {{0, 3, 4, 1}, {2, 2, 0, 4}});
        INDArray ref = Nd4j.createFromArray(new double[][] {{1, 3, 0, 0}});
        for (boolean channelsLast : new boolean[] {false, true}) {
            EmbeddingNode node = new EmbeddingNode(W, B, true, channelsLast);
            NodeGraph g = new NodeGraphBuilder()
                    .addInput("in", InputNode.tokens(TokenSpec.sequence(VOCAB, -1, WIDTH, channelsLast)))
                    .addNode("lookup", node, "in")
                    .addNode("tanh", new ElementwiseNode(ElementwiseFunctions.of("tanh",
                            Activation.TANH.getActivationFunction())), "lookup")
                    .setOutputs("tanh")
                    .build();
            GraphExplainer e = new GraphExplainer(new ExplainedModel(g, DataType.DOUBLE, List.of(12L), null, "t",
                    List.of("out"), Map.of()), Settings.DEFAULT.withPolicy(RulePolicy.uniform(Rule.REVEAL_CANCEL)));
            for (int step = 0; step < 4; step++) {
                // Embedding dimension 1 at that step, in [T, D] or [D, T] order.
                int unit = channelsLast ? step * WIDTH + 1 : 4 + step;
                Attribution a = e.explain(x, ref, new int[] {unit, unit});
                for (int i = 0; i < 2; i++) {
                    double z = W.getDouble(x.getInt(i, step), 1) + B.getDouble(1);
                    double zRef = W.getDouble(ref.getInt(0, step), 1) + B.getDouble(1);
                    assertEquals(Math.tanh(z) - Math.tanh(zRef), a.deltas().getDouble(i), 1e-12);
                    for (int s = 0; s < 4; s++) {
                        assertEquals(s == step ? a.deltas().getDouble(i) : 0.0, a.scores().getDouble(i, s), 1e-12);
                    }
                }
            }
        }
    }

    @Test
    void onlyEmbeddingsMayReadTokenInputsAndEmbeddingsReadNothingElse() {
        NodeGraphBuilder dense = new NodeGraphBuilder()
                .addInput("in", InputNode.tokens(TokenSpec.single(VOCAB, WIDTH)))
                .addNode("d", new LinearNode(LayerKind.DENSE, new DenseOp(Nd4j.ones(1, 1), null)), "in")
                .setOutputs("d");
        assertThrows(UnsupportedLayerException.class, dense::build);
        NodeGraphBuilder lookup = new NodeGraphBuilder()
                .addInput("in", new InputNode(1))
                .addNode("e", new EmbeddingNode(W, null, false, false), "in")
                .setOutputs("e");
        assertThrows(UnsupportedLayerException.class, lookup::build);
    }

    @Test
    void specsOfTwoReadersMerge() {
        TokenSpec a = TokenSpec.sequence(7, -1, 4, false);
        assertEquals(TokenSpec.sequence(5, 9, -1, false), a.merge(TokenSpec.sequence(5, 9, 3, false)));
        assertEquals(TokenSpec.sequence(5, -1, 4, false), a.merge(TokenSpec.sequence(5, -1, 4, false)));
        assertThrows(IllegalArgumentException.class, () -> a.merge(TokenSpec.single(7, 4)));
        assertThrows(IllegalArgumentException.class,
                () -> TokenSpec.sequence(7, 3, 4, false).merge(TokenSpec.sequence(7, 4, 4, false)));
        assertArrayEquals(new long[] {2, 6, 4}, TokenSpec.sequence(7, -1, 4, true).vectorShape(2, 6));
    }
}
