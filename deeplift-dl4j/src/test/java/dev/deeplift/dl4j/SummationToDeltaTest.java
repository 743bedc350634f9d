package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Summation-to-delta on random deep dense networks, against logits computed independently from DL4J's forward pass. */
class SummationToDeltaTest {

    static Stream<Arguments> cases() {
        return Stream.of(DataType.FLOAT, DataType.DOUBLE).flatMap(dt -> Stream.of(
                RulePolicy.uniform(Rule.RESCALE), RulePolicy.uniform(Rule.REVEAL_CANCEL), RulePolicy.genomicsDefault())
                .flatMap(p -> Stream.of(true, false).map(shared -> Arguments.of(dt, p, shared))));
    }

    @ParameterizedTest(name = "{0} {1} sharedReference={2}")
    @MethodSource("cases")
    void scoresSumToTheLogitDifferenceOfEachExample(DataType dt, RulePolicy policy, boolean shared) {
        IActivation[] hidden = {Activation.RELU.getActivationFunction(), Activation.TANH.getActivationFunction(),
            new ActivationLReLU(0.1), Activation.SIGMOID.getActivationFunction(), Activation.ELU.getActivationFunction(),
            Activation.SOFTPLUS.getActivationFunction()};
        MultiLayerNetwork net = TestNets.mlp(dt, 42, new int[] {10, 16, 12, 12, 8, 8, 6, 4}, hidden, Activation.SOFTMAX);
        int n = 7;
        INDArray x = TestNets.uniform(dt, 1, 2.0, n, 10);
        INDArray ref = TestNets.uniform(dt, 2, 2.0, shared ? 1 : n, 10);
        int[] targets = {0, 1, 2, 3, 0, 1, 2};
        Attribution a = DeepLift.of(net).withRules(policy).explain(x, ref, targets);

        INDArray logits = logits(net, x);
        INDArray refLogits = logits(net, ref);
        for (int i = 0; i < n; i++) {
            double expected = logits.getDouble(i, targets[i]) - refLogits.getDouble(shared ? 0 : i, targets[i]);
            double tol = dt == DataType.DOUBLE ? 1e-10 : 2e-4;
            double sum = a.scores().getRow(i).sumNumber().doubleValue();
            assertTrue(Math.abs(sum - expected) <= tol * (1 + Math.abs(expected)),
                    "example " + i + ": sum " + sum + " vs delta " + expected);
            assertTrue(Math.abs(a.deltas().getDouble(i) - expected) <= tol * (1 + Math.abs(expected)));
        }
        assertTrue(a.maxSummationError() <= (dt == DataType.DOUBLE ? 1e-10 : 1e-4), "" + a.maxSummationError());
        assertArrayEquals(x.shape(), a.scores().shape());
    }

    /** The output layer's pre-activation, from DL4J's own forward pass of the layer below and its parameters. */
    static INDArray logits(MultiLayerNetwork net, INDArray x) {
        List<INDArray> acts = net.feedForward(x, false);
        Layer out = net.getLayer(net.getnLayers() - 1);
        INDArray below = acts.get(acts.size() - 2);
        return below.mmul(out.getParam("W")).addiRowVector(out.getParam("b"));
    }

    static double relativeDifference(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue() / (1e-12 + Transforms.abs(b).maxNumber().doubleValue());
    }
}
