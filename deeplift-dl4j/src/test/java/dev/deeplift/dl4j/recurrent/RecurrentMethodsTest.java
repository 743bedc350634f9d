package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.methods.IntegratedGradients;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The other methods over recurrent networks: integrated gradients (which needs the true gradient through the
 * recurrent nodes' products) approaches the deltas, and DeepSHAP's reference-by-reference passes (which rebuild
 * the recurrent traces) keep every pair's summation-to-delta.
 */
class RecurrentMethodsTest {
    private static MultiLayerNetwork net() {
        RnnCases c = RnnCases.all().stream().filter(k -> k.name().equals("LastTimeStep Bidirectional CONCAT LSTM"))
                .findFirst().orElseThrow();
        return RnnNets.mln(6, c.layers().apply(RNNFormat.NCW));
    }

    @Test
    void integratedGradientsThroughRecurrentLayersConvergeToTheDeltas() {
        MultiLayerNetwork net = net();
        INDArray x = RnnNets.input(RnnNets.sequences(1, 3, 5, 3), RNNFormat.NCW);
        INDArray ref = RnnNets.input(RnnNets.sequences(2, 1, 5, 3), RNNFormat.NCW);
        Attribution coarse = IntegratedGradients.of(DeepLift.of(net).withRule(Rule.GRADIENT), 4)
                .explain(x, ref, new int[] {0, 1, 2});
        Attribution fine = IntegratedGradients.of(DeepLift.of(net).withRule(Rule.GRADIENT), 64)
                .explain(x, ref, new int[] {0, 1, 2});
        double scale = Transforms.abs(fine.deltas()).maxNumber().doubleValue();
        assertTrue(fine.maxSummationError() < 1e-3 * scale, "64 steps: " + fine.maxSummationError());
        assertTrue(fine.maxSummationError() < coarse.maxSummationError() / 50,
                "midpoint rule error falls like 1/steps²: " + coarse.maxSummationError() + " → "
                        + fine.maxSummationError());
    }

    @Test
    void deepShapOverABackgroundKeepsEveryPairsSummationToDelta() {
        MultiLayerNetwork net = net();
        INDArray x = RnnNets.input(RnnNets.sequences(1, 3, 5, 3), RNNFormat.NCW);
        INDArray background = RnnNets.input(RnnNets.sequences(3, 4, 5, 3), RNNFormat.NCW);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepShap.of(DeepLift.of(net).withRule(rule)).explain(x, Reference.background(background),
                    new int[] {0, 1, 2});
            assertTrue(a.maxPairSummationError() < 1e-12, rule + ": " + a.maxPairSummationError());
        }
    }
}
