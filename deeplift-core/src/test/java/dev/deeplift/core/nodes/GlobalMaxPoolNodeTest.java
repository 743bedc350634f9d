package dev.deeplift.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.engine.ForwardPass;
import dev.deeplift.core.engine.Propagator;
import dev.deeplift.core.engine.RulePlan;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.core.ops.SpatialLayout;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class GlobalMaxPoolNodeTest {

    @Test
    void aSinglePositionPassesEveryExamplesMultipliersThrough() {
        NodeGraph g = new NodeGraphBuilder().addInput("x", new InputNode(3, 1, 1))
                .addNode("max", new GlobalMaxPoolNode(new SpatialLayout(4, false)), "x").setOutputs("max").build();
        Propagator p = new Propagator(g, RulePlan.create(g, RulePolicy.uniform(Rule.RESCALE), MaxPoolMode.CROSS_MAX,
                1e-10));
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(DataType.DOUBLE, 4, 3, 1, 1).addi(1.0);
        ForwardPass pass = p.forward(List.of(x), List.of(Nd4j.zeros(DataType.DOUBLE, 1, 3, 1, 1)));
        INDArray m = p.backward(pass, 1, Nd4j.ones(DataType.DOUBLE, 4, 3)).get(0);
        assertEquals(Nd4j.ones(DataType.DOUBLE, 4, 3, 1, 1), m);
    }
}
