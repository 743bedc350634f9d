package dev.deeplift.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The imported TAL-GATA model (channels-last Conv1D, average pooling, trailing sigmoid) explained by every rule. */
class KerasExplainTest {
    private static MultiLayerNetwork net;

    @BeforeAll
    static void importOnce() {
        net = KerasModels.importSequential(TalGataFixture.modelJson(), TalGataFixture.weights());
    }

    static RulePolicy[] policies() {
        return new RulePolicy[] {RulePolicy.uniform(Rule.RESCALE), RulePolicy.uniform(Rule.REVEAL_CANCEL),
            RulePolicy.genomicsDefault()};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policies")
    void scoresSumToTheLogitDeltaOfEveryTask(RulePolicy policy) {
        INDArray x = TalGataFixture.input();
        INDArray ref = Nd4j.createFromArray(0.3f, 0.2f, 0.2f, 0.3f).reshape(1, 1, 4).repeat(1, 200);
        INDArray p = net.output(x);
        INDArray pRef = net.output(ref);
        for (int task = 0; task < 3; task++) {
            Attribution a = DeepLift.of(net).withRules(policy).explain(x, ref, task);
            for (int i = 0; i < x.size(0); i++) {
                double logit = logit(p.getDouble(i, task));
                double expected = logit - logit(pRef.getDouble(0, task));
                if (Math.abs(logit) < 12) { // sigmoid outputs that round to 1 in FLOAT carry no logit
                    assertEquals(expected, a.deltas().getDouble(i), 2e-3 * (1 + Math.abs(expected)));
                }
            }
            double scale = 1 + a.scores().reshape(x.size(0), -1).sum(1).maxNumber().doubleValue();
            assertTrue(a.maxSummationError() < 1e-4 * scale, policy + " task " + task + ": " + a.maxSummationError());
        }
    }

    private static double logit(double p) {
        return Math.log(p / (1 - p));
    }
}
