package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Explainer;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.genomics.HypotheticalContributions;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.Attribution;
import dev.deeplift.core.reference.Reference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** DeepSHAP with dinucleotide-shuffled references and hypothetical contributions over a DL4J network. */
class DeepShapGenomicsTest {
    private static final int LENGTH = 21;

    @Test
    void hypotheticalScoresProjectOntoTheSequenceAsTheMeanScores() {
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 9, new int[] {LENGTH * 4, 16, 8, 3},
                new IActivation[] {Activation.RELU.getActivationFunction(), Activation.TANH.getActivationFunction()},
                Activation.SOFTMAX);
        Explainer explainer = TestNets.flattening(DeepLift.of(net).withRules(RulePolicy.genomicsDefault()));
        INDArray x = TestNets.oneHotDna(DataType.DOUBLE, 3, 4, LENGTH);
        Reference shuffled = Reference.dinucleotideShuffled(10, 2024L);
        int[] targets = {0, 1, 2, 1};
        Attribution a = HypotheticalContributions.deepShap(DeepShap.of(explainer).withBatchSize(16), x,
                shuffled, targets);

        assertTrue(a.maxPairSummationError() <= 1e-10, "" + a.maxPairSummationError());
        assertTrue(a.maxSummationError() <= 1e-10, "" + a.maxSummationError());
        INDArray hyp = a.averagedQuantity().orElseThrow();
        INDArray projected = HypotheticalContributions.project(hyp, x);
        // Per position, the projection holds the mean scores' total on the observed base.
        assertTrue(SummationToDeltaTest.relativeDifference(projected.sum(2), a.scores().sum(2)) <= 1e-12);
        // N positions (p % 7 == 3): the shuffled references are N there too, so nothing is credited to them.
        for (int i = 0; i < 4; i++) {
            for (int p = 3; p < LENGTH; p += 7) {
                assertEquals(0.0, a.scores().get(
                        org.nd4j.linalg.indexing.NDArrayIndex.point(i), org.nd4j.linalg.indexing.NDArrayIndex.point(p),
                        org.nd4j.linalg.indexing.NDArrayIndex.all()).amaxNumber().doubleValue(), 1e-15);
            }
        }
        // Hypothetical scores are not all alike: some base other than the observed one has a non-zero score.
        assertTrue(hyp.sub(projected).amaxNumber().doubleValue() > 1e-3);

        Attribution one = HypotheticalContributions.deepShap(DeepShap.of(explainer).withBatchSize(1), x,
                shuffled, targets);
        assertTrue(SummationToDeltaTest.relativeDifference(one.averagedQuantity().orElseThrow(), hyp) <= 1e-12);
        assertTrue(SummationToDeltaTest.relativeDifference(one.scores(), a.scores()) <= 1e-12);
    }
}
