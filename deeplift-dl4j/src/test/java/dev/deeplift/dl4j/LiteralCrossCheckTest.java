package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import java.util.Random;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The engine against {@link LiteralDeepLift}, a plain-loop re-implementation of Rescale and RevealCancel from the
 * paper, on random dense networks with a rule chosen per layer by name ({@code RulePolicy.with(layer, rule)}).
 */
class LiteralCrossCheckTest {
    private static final Activation[] DL4J = {Activation.RELU, Activation.TANH, Activation.SIGMOID};
    private static final LiteralDeepLift.Activation[] LITERAL = {LiteralDeepLift.Activation.RELU,
            LiteralDeepLift.Activation.TANH, LiteralDeepLift.Activation.SIGMOID};

    @Test
    void randomNetworksWithARulePerLayerScoreWhatTheLiteralImplementationScores() {
        Random rng = new Random(2024);
        for (int trial = 0; trial < 12; trial++) {
            int hidden = 1 + rng.nextInt(3);
            int[] sizes = new int[hidden + 2];
            for (int i = 0; i < sizes.length; i++) {
                sizes[i] = 2 + rng.nextInt(6);
            }
            IActivation[] acts = new IActivation[hidden];
            LiteralDeepLift.Activation[] literalActs = new LiteralDeepLift.Activation[hidden];
            Rule[] rules = new Rule[hidden];
            RulePolicy policy = RulePolicy.uniform(Rule.RESCALE);
            for (int l = 0; l < hidden; l++) {
                int a = rng.nextInt(3);
                acts[l] = DL4J[a].getActivationFunction();
                literalActs[l] = LITERAL[a];
                rules[l] = rng.nextBoolean() ? Rule.REVEAL_CANCEL : Rule.RESCALE;
                policy = policy.with("layer" + l, rules[l]);
            }
            MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 500 + trial, sizes, acts, Activation.SOFTMAX);
            LiteralDeepLift literal = literal(net, literalActs, rules);
            int n = 5;
            INDArray x = TestNets.uniform(DataType.DOUBLE, 600 + trial, 2.0, n, sizes[0]);
            INDArray ref = trial % 2 == 0 ? TestNets.uniform(DataType.DOUBLE, 700 + trial, 1.0, 1, sizes[0])
                    : TestNets.uniform(DataType.DOUBLE, 700 + trial, 1.0, n, sizes[0]);
            int[] targets = new int[n];
            for (int i = 0; i < n; i++) {
                targets[i] = rng.nextInt(sizes[hidden + 1]);
            }
            Attribution a = DeepLift.of(net).withRules(policy).explain(x, ref, targets);
            for (int i = 0; i < n; i++) {
                double[] expected = literal.scores(x.getRow(i).toDoubleVector(),
                        ref.getRow(ref.size(0) == 1 ? 0 : i).toDoubleVector(), targets[i]);
                for (int j = 0; j < expected.length; j++) {
                    assertEquals(expected[j], a.scores().getDouble(i, j), 1e-10 * (1 + Math.abs(expected[j])),
                            "trial " + trial + " " + policy + ", example " + i + ", feature " + j);
                }
            }
        }
    }

    @Test
    void aPolicyNamingAnUnknownLayerOrOneWithoutANonlinearityIsRefused() {
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 9, new int[] {3, 4, 2},
                new IActivation[] {Activation.RELU.getActivationFunction()}, Activation.SOFTMAX);
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> DeepLift.of(net).withRules(RulePolicy.uniform(Rule.RESCALE).with("dense9", Rule.GRADIENT)));
        assertTrue(unknown.getMessage().contains("dense9") && unknown.getMessage().contains("layer0"),
                unknown.getMessage());
        IllegalArgumentException output = assertThrows(IllegalArgumentException.class,
                () -> DeepLift.of(net).withRules(RulePolicy.uniform(Rule.RESCALE).with("layer1", Rule.GRADIENT)));
        assertTrue(output.getMessage().contains("no nonlinearity"), output.getMessage());
    }

    private static LiteralDeepLift literal(MultiLayerNetwork net, LiteralDeepLift.Activation[] acts, Rule[] rules) {
        int layers = net.getnLayers();
        double[][][] w = new double[layers][][];
        double[][] b = new double[layers][];
        for (int l = 0; l < layers; l++) {
            w[l] = net.getLayer(l).getParam("W").toDoubleMatrix();
            b[l] = net.getLayer(l).getParam("b").toDoubleVector();
        }
        return new LiteralDeepLift(w, b, acts, rules);
    }
}
