package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Predicted-class, several-target, softmax-normalized, layer and neuron targets. */
class TargetsTest {
    private final MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 17, new int[] {6, 9, 7, 4},
            new IActivation[] {Activation.RELU.getActivationFunction(), Activation.TANH.getActivationFunction()},
            Activation.SOFTMAX);
    private final INDArray x = TestNets.uniform(DataType.DOUBLE, 1, 2.0, 5, 6);
    private final INDArray ref = TestNets.uniform(DataType.DOUBLE, 2, 2.0, 1, 6);

    @Test
    void predictedClassIsTheArgMaxOfTheOutput() {
        Attribution a = DeepLift.of(net).explainPredicted(x, ref);
        int[] predicted = Nd4j.argMax(net.output(x), 1).toIntVector();
        assertArrayEquals(predicted, a.targets());
        assertTrue(DeepLift.of(net).explain(x, ref, predicted).scores().equalsWithEps(a.scores(), 1e-12));
    }

    @Test
    void severalTargetsAtOnceEqualSingleTargetExplains() {
        for (Rule rule : Rule.values()) {
            DeepLift dl = DeepLift.of(net).withRule(rule).withChunkSize(3);
            List<Attribution> both = dl.explainTargets(x, ref, 0, 3);
            assertEquals(2, both.size());
            assertTrue(both.get(0).scores().equalsWithEps(dl.explain(x, ref, 0).scores(), 1e-12), rule.toString());
            assertTrue(both.get(1).scores().equalsWithEps(dl.explain(x, ref, 3).scores(), 1e-12), rule.toString());
            assertTrue(both.get(1).deltas().equalsWithEps(dl.explain(x, ref, 3).deltas(), 1e-12));
        }
    }

    @Test
    void softmaxNormalizationExplainsTheLogitMinusTheMeanLogit() {
        int t = 2;
        Attribution normalized = DeepLift.of(net).withSoftmaxNormalization(true).explain(x, ref, t);
        INDArray expected = DeepLift.of(net).explain(x, ref, t).scores().dup();
        for (int k = 0; k < 4; k++) {
            expected.subi(DeepLift.of(net).explain(x, ref, k).scores().div(4));
        }
        assertTrue(normalized.scores().equalsWithEps(expected, 1e-10));
        INDArray logits = SummationToDeltaTest.logits(net, x);
        INDArray refLogits = SummationToDeltaTest.logits(net, ref);
        for (int i = 0; i < 5; i++) {
            double d = logits.getDouble(i, t) - logits.getRow(i).meanNumber().doubleValue()
                    - (refLogits.getDouble(0, t) - refLogits.getRow(0).meanNumber().doubleValue());
            assertEquals(d, normalized.deltas().getDouble(i), 1e-10);
        }
        assertTrue(normalized.maxSummationError() < 1e-10);
    }

    @Test
    void layerAttributionScoresTheHiddenActivationsAndSumsToDelta() {
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution layer = DeepLift.of(net).withRule(rule).explainLayer(x, ref, 1, "0");
            assertArrayEquals(new long[] {5, 9}, layer.scores().shape());
            assertTrue(layer.maxSummationError() < 1e-10, rule + ": " + layer.maxSummationError());
            assertTrue(layer.deltas().equalsWithEps(DeepLift.of(net).explain(x, ref, 1).deltas(), 1e-12));
        }
        // Against the last hidden layer (tanh) the multipliers are the output weights of the target.
        Attribution last = DeepLift.of(net).explainLayer(x, ref, 1, "1");
        INDArray w = net.getLayer(2).getParam("W").getColumn(1);
        for (int i = 0; i < 5; i++) {
            assertTrue(last.multipliers().getRow(i).equalsWithEps(w, 1e-12));
        }
        assertThrows(IllegalArgumentException.class, () -> DeepLift.of(net).explainLayer(x, ref, 1, "nope"));
    }

    @Test
    void neuronAttributionTargetsAHiddenUnit() {
        Attribution a = DeepLift.of(net).explainNeuron(x, ref, "0", 4);
        INDArray hidden = net.feedForward(x, false).get(1).dup();
        INDArray hiddenRef = net.feedForward(ref, false).get(1).dup();
        for (int i = 0; i < 5; i++) {
            assertEquals(hidden.getDouble(i, 4) - hiddenRef.getDouble(0, 4), a.deltas().getDouble(i), 1e-12);
        }
        assertTrue(a.maxSummationError() < 1e-12);
    }

    @Test
    void explainPredictedSaysWhichClassEachExampleWasExplainedForWithoutACast() {
        INDArray x = TestNets.uniform(DataType.DOUBLE, 71, 2.0, 6, 6);
        Attribution a = DeepLift.of(net).explainPredicted(x, Nd4j.zeros(DataType.DOUBLE, 1, 6));
        int[] expected = Nd4j.argMax(net.output(x, false), 1).toIntVector();
        assertArrayEquals(expected, a.targets());
        for (int i = 0; i < 6; i++) {
            Attribution one = DeepLift.of(net).explain(x.getRow(i, true), Nd4j.zeros(DataType.DOUBLE, 1, 6),
                    expected[i]);
            assertTrue(one.scores().equalsWithEps(a.scores().getRow(i, true), 1e-12), "example " + i);
        }
    }

    @Test
    void anAttributionPrintsWhatAUserWantsToSee() {
        INDArray x = TestNets.uniform(DataType.DOUBLE, 72, 2.0, 3, 6);
        String s = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(x, Nd4j.zeros(DataType.DOUBLE, 1, 6), new int[] {1, 0, 1})
                .toString();
        for (String part : new String[] {"DeepLIFT REVEAL_CANCEL", "3 examples", "input [3, 6]", "targets [1, 0, 1]",
                "max summation error", "reference one shared row", "DOUBLE"}) {
            assertTrue(s.contains(part), s + " lacks " + part);
        }
        assertTrue(!s.contains("Stride") && !s.contains("shapeInfo") && s.length() < 400, s);
    }
}
