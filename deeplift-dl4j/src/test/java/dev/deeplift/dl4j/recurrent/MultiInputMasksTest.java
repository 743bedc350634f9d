package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.LayerChecks;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A ComputationGraph with two sequence inputs, each with its own mask, merged by an element-wise vertex (which
 * passes on the OR of the masks, as DL4J does) into a masked SimpleRnn; with layer checks on every node and a rule
 * chosen by a recurrent layer's name.
 */
class MultiInputMasksTest {

    private static ComputationGraph graph() {
        RNNFormat f = RNNFormat.NCW;
        ComputationGraph g = new ComputationGraph(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(12).graphBuilder().addInputs("a", "b")
                .addLayer("ra", RnnCases.simpleRnn(f), "a")
                .addLayer("rb", RnnCases.lstm(f, org.nd4j.linalg.activations.Activation.TANH,
                        org.nd4j.linalg.activations.Activation.SIGMOID), "b")
                .addVertex("sum", new ElementWiseVertex(ElementWiseVertex.Op.Add), "ra", "rb")
                .addLayer("top", RnnCases.lstmWith(f, 4), "sum")
                .addLayer("mix", new org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn.Builder().nIn(4).nOut(4)
                        .activation(org.nd4j.linalg.activations.Activation.TANH).build(), "top")
                .addLayer("out", RnnCases.rnnOut(f, 4), "mix")
                .setOutputs("out").build());
        g.init();
        RnnNets.randomise(g.params(), 12);
        return g;
    }

    @Test
    void eachInputsMaskActsWhereDl4jAppliesIt() {
        ComputationGraph g = graph();
        INDArray a = RnnNets.input(RnnNets.sequences(1, 3, 6, 3), RNNFormat.NCW);
        INDArray b = RnnNets.input(RnnNets.sequences(2, 3, 6, 3), RNNFormat.NCW);
        INDArray ra = RnnNets.input(RnnNets.sequences(3, 1, 6, 3), RNNFormat.NCW);
        INDArray rb = RnnNets.input(RnnNets.sequences(4, 1, 6, 3), RNNFormat.NCW);
        INDArray ma = RnnNets.array(new double[][] {{1, 1, 1, 1, 0, 0}, {1, 1, 1, 1, 1, 1}, {0, 1, 1, 0, 1, 1}});
        INDArray mb = RnnNets.array(new double[][] {{1, 1, 0, 0, 0, 0}, {1, 1, 1, 1, 1, 0}, {1, 1, 1, 1, 1, 1}});
        INDArray out = g.output(false, new INDArray[] {a, b}, new INDArray[] {ma, mb})[0];
        INDArray outRef = g.output(false, new INDArray[] {ra.repeat(0, 3), rb.repeat(0, 3)},
                new INDArray[] {ma, mb})[0];
        for (RulePolicy policy : new RulePolicy[] {RulePolicy.uniform(Rule.RESCALE),
            RulePolicy.uniform(Rule.RESCALE).with("ra", Rule.REVEAL_CANCEL).with(
                    dev.deeplift.core.LayerKind.RECURRENT, Rule.REVEAL_CANCEL)}) {
            Attribution at = DeepLift.of(g).withRules(policy).withLayerChecks(true).explain(
                    new INDArray[] {a, b}, new INDArray[] {ra, rb}, new INDArray[] {ma, mb}, Target.unitAtStep(2, 4));
            for (int i = 0; i < 3; i++) {
                assertEquals(out.getDouble(i, 2, 4) - outRef.getDouble(i, 2, 4), at.deltas().getDouble(i), 1e-12);
            }
            assertTrue(at.maxSummationError() < 1e-12, policy + ": " + at.maxSummationError());
            LayerChecks checks = at.layerChecks().orElseThrow();
            assertTrue(checks.nodes().stream().anyMatch(n -> n.contains("simpleRnn")), checks.nodes().toString());
            assertTrue(checks.worst().error() < 1e-12, "every node, recurrent ones included, conserves: " + checks);
        }
    }
}
