package dev.deeplift.core.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.core.nodes.ElementwiseNode;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.DenseOp;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Hand-derived values on graphs built directly from nodes, without DL4J. */
class EngineExactValuesTest {

    private static INDArray m(double[][] a) {
        return Nd4j.createFromArray(a);
    }

    /** dense → relu → dense, one output. */
    private static NodeGraph mlp(double[][] w1, double[] b1, double[][] w2) {
        return new NodeGraphBuilder()
                .addInput("in", new InputNode(w1.length))
                .addNode("d1", new LinearNode(LayerKind.DENSE, new DenseOp(m(w1), Nd4j.createFromArray(b1))), "in")
                .addNode("relu", new ElementwiseNode(ElementwiseFunctions.relu()), "d1")
                .addNode("d2", new LinearNode(LayerKind.DENSE, new DenseOp(m(w2), null)), "relu")
                .setOutputs("d2")
                .build();
    }

    private static INDArray[] explain(NodeGraph g, Rule rule, INDArray x, INDArray ref) {
        Propagator p = new Propagator(g, RulePlan.create(g, RulePolicy.uniform(rule), MaxPoolMode.CROSS_MAX, 1e-10));
        ForwardPass fp = p.forward(List.of(x), List.of(ref));
        int out = g.outputIndices().get("d2");
        INDArray seed = Nd4j.ones(x.dataType(), x.size(0), 1);
        INDArray mult = p.backward(fp, out, seed).get(0);
        return new INDArray[] {mult, mult.mul(fp.activations(0).delta()), fp.activations(out).delta()};
    }

    @Test
    void rescaleOnTwoReluUnitsGivesTheHandDerivedScores() {
        // f = 2·relu(x1) + 2·relu(x2 − 1.5) at (1, 2), reference 0.
        NodeGraph g = mlp(new double[][] {{1, 0}, {0, 1}}, new double[] {0, -1.5}, new double[][] {{2}, {2}});
        INDArray[] r = explain(g, Rule.RESCALE, m(new double[][] {{1, 2}}), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 2));
        assertArrayEquals(new double[] {2.0, 0.5}, r[0].toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {2.0, 1.0}, r[1].toDoubleVector(), 1e-12);
        assertEquals(3.0, r[2].getDouble(0), 1e-12);
    }

    @Test
    void revealCancelSplitsPositiveAndNegativeTermsAsInTheIssueExample() {
        // w = [1, −2, −3, 4], b = 1, x = [−1, −1, 1, 1], reference 0, ReLU:
        // Δz+ = 6, Δz− = −4, Δy+ = 4.5, Δy− = −2.5, so m+ = 0.75 and m− = 0.625.
        NodeGraph g = mlp(new double[][] {{1}, {-2}, {-3}, {4}}, new double[] {1}, new double[][] {{1}});
        INDArray[] r = explain(g, Rule.REVEAL_CANCEL, m(new double[][] {{-1, -1, 1, 1}}), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 4));
        assertArrayEquals(new double[] {0.625, -1.5, -1.875, 3.0}, r[0].toDoubleVector(), 1e-12);
        assertEquals(2.0, r[1].sumNumber().doubleValue(), 1e-12);
        assertEquals(2.0, r[2].getDouble(0), 1e-12);
    }

    @Test
    void rescaleOnTheSameUnitSharesOneRatio() {
        NodeGraph g = mlp(new double[][] {{1}, {-2}, {-3}, {4}}, new double[] {1}, new double[][] {{1}});
        INDArray[] r = explain(g, Rule.RESCALE, m(new double[][] {{-1, -1, 1, 1}}), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 4));
        // Δz = 2, Δy = relu(3) − relu(1) = 2, so the ratio is 1 and the multipliers are the weights.
        assertArrayEquals(new double[] {1, -2, -3, 4}, r[0].toDoubleVector(), 1e-12);
    }

    @Test
    void gradientRuleGivesTheDerivativeAtTheInput() {
        NodeGraph g = mlp(new double[][] {{1, 0}, {0, 1}}, new double[] {0, -1.5}, new double[][] {{2}, {2}});
        INDArray[] r = explain(g, Rule.GRADIENT, m(new double[][] {{1, 1}}), Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.DOUBLE, 1, 2));
        assertArrayEquals(new double[] {2.0, 0.0}, r[0].toDoubleVector(), 1e-12);
    }
}
