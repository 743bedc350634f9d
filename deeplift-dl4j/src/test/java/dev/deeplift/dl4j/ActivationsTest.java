package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import java.util.stream.Stream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Every supported elementwise activation: summation-to-delta, and multipliers that tend to the gradient. */
class ActivationsTest {

    static Stream<IActivation> activations() {
        return Stream.of(Activation.RELU, Activation.LEAKYRELU, Activation.ELU, Activation.SELU, Activation.SIGMOID,
                Activation.TANH, Activation.SOFTPLUS, Activation.SOFTSIGN, Activation.HARDSIGMOID, Activation.HARDTANH,
                Activation.RELU6, Activation.SWISH, Activation.GELU, Activation.MISH, Activation.CUBE,
                Activation.IDENTITY, Activation.RATIONALTANH, Activation.RECTIFIEDTANH)
                .map(Activation::getActivationFunction)
                .map(a -> (IActivation) a)
                .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), l -> {
                    l.add(new ActivationLReLU(0.3));
                    l.add(new ActivationELU(0.5));
                    l.add(new ActivationRReLU(0.1, 0.3));
                    l.add(new ActivationThresholdedReLU(0.2));
                    l.add(new ActivationReLU(6.0, 0.1, 0.05));
                    return l.stream();
                }));
    }

    private static MultiLayerNetwork net(IActivation act) {
        return TestNets.mlp(DataType.DOUBLE, 11, new int[] {5, 7, 7, 3}, new IActivation[] {act, act},
                Activation.IDENTITY);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void scoresSumToDeltaUnderEveryRule(IActivation act) {
        MultiLayerNetwork net = net(act);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 3, 2.0, 6, 5);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 4, 2.0, 6, 5);
        INDArray expected = net.output(x).sub(net.output(ref)).getColumn(1);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(x, ref, 1);
            assertTrue(a.maxSummationError() < 1e-9, rule + ": " + a.maxSummationError());
            assertTrue(a.deltas().equalsWithEps(expected, 1e-9), rule + ": deltas differ from DL4J's output");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void rescaleMultipliersTendToTheGradientAsTheInputApproachesTheReference(IActivation act) {
        MultiLayerNetwork net = net(act);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 5, 1.0, 1, 5);
        INDArray x = ref.add(1e-13);
        Attribution rescale = DeepLift.of(net).explain(x, ref, 0);
        Attribution grad = DeepLift.of(net).withRule(Rule.GRADIENT).explain(ref, ref, 0);
        assertTrue(rescale.multipliers().equalsWithEps(grad.multipliers(), 1e-6),
                rescale.multipliers() + " vs " + grad.multipliers());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("activations")
    void gradientRuleMatchesFiniteDifferencesOfTheLogit(IActivation act) {
        MultiLayerNetwork net = net(act);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 7, 2.0, 1, 5);
        Attribution g = DeepLift.of(net).withRule(Rule.GRADIENT).explain(x, Nd4j.zeros(DataType.DOUBLE, 1, 5), 2);
        double h = 1e-6;
        for (int j = 0; j < 5; j++) {
            INDArray xp = x.dup();
            INDArray xm = x.dup();
            xp.putScalar(0, j, x.getDouble(0, j) + h);
            xm.putScalar(0, j, x.getDouble(0, j) - h);
            double fd = (net.output(xp).getDouble(0, 2) - net.output(xm).getDouble(0, 2)) / (2 * h);
            assertEquals(fd, g.multipliers().getDouble(0, j), 1e-5 * (1 + Math.abs(fd)), "feature " + j);
        }
    }
}
