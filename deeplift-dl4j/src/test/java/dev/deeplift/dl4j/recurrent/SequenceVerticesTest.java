package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The ComputationGraph's sequence vertices: the explained deltas are DL4J's output differences and the scores sum
 * to them, with the mask of the named input; DL4J's defects (NWC data, reversal with padding at both ends) refused.
 */
class SequenceVerticesTest {
    private static final int STEPS = 7;

    private static ComputationGraph graph(RNNFormat f, java.util.function.Consumer<
            ComputationGraphConfiguration.GraphBuilder> middle, String last, boolean sequenceOut) {
        ComputationGraphConfiguration.GraphBuilder b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .seed(9).graphBuilder().addInputs("in")
                .addLayer("rnn", RnnCases.lstm(f, Activation.TANH, Activation.SIGMOID), "in");
        middle.accept(b);
        b.addLayer("out", sequenceOut ? RnnCases.rnnOut(f, 4) : RnnCases.out(4), last).setOutputs("out");
        ComputationGraph g = new ComputationGraph(b.build());
        g.init();
        RnnNets.randomise(g.params(), 9);
        return g;
    }

    private static void check(ComputationGraph g, INDArray mask, boolean sequenceOut) {
        INDArray x = RnnNets.input(RnnNets.sequences(3, 4, STEPS, 3), RNNFormat.NCW);
        INDArray ref = RnnNets.input(RnnNets.sequences(4, 1, STEPS, 3), RNNFormat.NCW);
        INDArray out = RnnNets.output(g, x, mask);
        INDArray outRef = RnnNets.output(g, ref.repeat(0, 4), mask);
        Target target = sequenceOut ? Target.unitAtStep(2, 3) : Target.of(0, 2);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(g).withRule(rule).explain(x, ref, target, mask);
            for (int i = 0; i < 4; i++) {
                double expected = sequenceOut ? out.getDouble(i, 2, 3) - outRef.getDouble(i, 2, 3)
                        : out.getDouble(i, 2) - outRef.getDouble(i, 2);
                assertEquals(expected, a.deltas().getDouble(i), 1e-12, rule + " example " + i);
            }
            assertTrue(a.maxSummationError() < 1e-12, rule + " summation error " + a.maxSummationError());
        }
    }

    private static INDArray oneEndPadded() {
        return Nd4j.createFromArray(new double[][] {{1, 1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0, 0},
            {0, 0, 1, 1, 1, 1, 1}, {1, 0, 1, 1, 0, 1, 1}});
    }

    @Test
    void lastTimeStepVertexTakesTheLastUnmaskedStepOfTheNamedInput() {
        ComputationGraph g = graph(RNNFormat.NCW, b -> b.addVertex("last", new LastTimeStepVertex("in"), "rnn"),
                "last", false);
        check(g, null, false);
        check(g, oneEndPadded(), false);
    }

    @Test
    void duplicateToTimeSeriesVertexRepeatsAVectorOverTheInputsSteps() {
        ComputationGraph g = graph(RNNFormat.NCW, b -> b.addVertex("last", new LastTimeStepVertex("in"), "rnn")
                .addVertex("dup", new DuplicateToTimeSeriesVertex("in"), "last"), "dup", true);
        check(g, oneEndPadded(), true);
    }

    @Test
    void reverseTimeSeriesVertexReversesTheUnmaskedSteps() {
        ComputationGraph g = graph(RNNFormat.NCW, b -> b.addVertex("rev", new ReverseTimeSeriesVertex("in"), "rnn"),
                "rev", true);
        check(g, null, true);
        check(g, oneEndPadded(), true);
        ComputationGraph whole = graph(RNNFormat.NCW, b -> b.addVertex("rev", new ReverseTimeSeriesVertex(), "rnn"),
                "rev", true);
        check(whole, oneEndPadded(), true);
    }

    @Test
    void reversalOfAnExamplePaddedAtBothEndsIsRefusedNamingTheDl4jDefect() {
        ComputationGraph g = graph(RNNFormat.NCW, b -> b.addVertex("rev", new ReverseTimeSeriesVertex("in"), "rnn"),
                "rev", true);
        INDArray x = RnnNets.input(RnnNets.sequences(3, 1, STEPS, 3), RNNFormat.NCW);
        INDArray mask = Nd4j.createFromArray(new double[][] {{0, 1, 1, 1, 1, 0, 0}});
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class,
                () -> DeepLift.of(g).explain(x, x.mul(0), Target.unitAtStep(0, 1), mask));
        assertTrue(e.getMessage().contains("ReverseTimeSeriesVertex") && e.getMessage().contains("both ends"),
                e.getMessage());
    }

    @Test
    void sequenceVerticesOnNwcDataAreRefusedNamingTheDl4jDefect() {
        ComputationGraph g = graph(RNNFormat.NWC, b -> b.addVertex("last", new LastTimeStepVertex("in"), "rnn"),
                "last", false);
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(g));
        assertTrue(e.getMessage().contains("LastTimeStepVertex") && e.getMessage().contains("NWC"), e.getMessage());
        ComputationGraph r = graph(RNNFormat.NWC, b -> b.addVertex("rev", new ReverseTimeSeriesVertex(), "rnn"),
                "rev", true);
        assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(r));
    }
}
