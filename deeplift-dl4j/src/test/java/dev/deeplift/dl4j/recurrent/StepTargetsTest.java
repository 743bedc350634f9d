package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Per-step targets on outputs and hidden recurrent layers: units at a time step, softmax-normalized per step. */
class StepTargetsTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(RNNFormat.class)
    void aNeuronAtAStepIsTheFlattenedUnitOfTheLayersLayout(RNNFormat f) {
        RnnCases c = RnnCases.all().get(0);
        MultiLayerNetwork net = RnnNets.mln(2, c.layers().apply(f));
        INDArray x = RnnNets.input(RnnNets.sequences(1, 3, 5, 3), f);
        INDArray ref = x.mul(0);
        DeepLift dl = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL);
        int unit = 2;
        int step = 3;
        int flat = f == RNNFormat.NCW ? unit * 5 + step : step * 4 + unit;
        Attribution byStep = dl.explainNeuron(x, ref, "0", unit, step, null);
        Attribution byIndex = dl.explainNeuron(x, ref, "0", flat);
        assertEquals(byIndex.scores(), byStep.scores());
        INDArray h = net.feedForward(x, false).get(1);
        INDArray hRef = net.feedForward(ref, false).get(1);
        for (int i = 0; i < 3; i++) {
            double expected = f == RNNFormat.NCW ? h.getDouble(i, unit, step) - hRef.getDouble(i, unit, step)
                    : h.getDouble(i, step, unit) - hRef.getDouble(i, step, unit);
            assertEquals(expected, byStep.deltas().getDouble(i), 1e-12);
        }
        assertTrue(byStep.maxSummationError() < 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RNNFormat.class)
    void layerScoresAtARecurrentLayerSumToTheTargetsDelta(RNNFormat f) {
        MultiLayerNetwork net = RnnNets.mln(2, RnnCases.all().get(1).layers().apply(f));
        INDArray x = RnnNets.input(RnnNets.sequences(1, 3, 5, 3), f);
        INDArray mask = RnnNets.array(new double[][] {{1, 1, 1, 1, 1}, {1, 1, 0, 0, 0}, {0, 1, 1, 1, 1}});
        Attribution a = DeepLift.of(net).explainLayer(x, x.mul(0), Target.unitAtStep(1, 4), "0", mask);
        assertArrayEquals(new long[] {3, f == RNNFormat.NCW ? 4 : 5, f == RNNFormat.NCW ? 5 : 4}, a.scores().shape());
        INDArray sums = a.scores().reshape(3, -1).sum(1);
        assertTrue(Transforms.abs(sums.sub(a.deltas())).maxNumber().doubleValue() < 1e-12);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RNNFormat.class)
    void softmaxNormalizationSubtractsTheMeanOfTheSameStepsLogits(RNNFormat f) {
        MultiLayerNetwork net = RnnNets.mln(2, RnnCases.all().get(0).layers().apply(f));
        INDArray x = RnnNets.input(RnnNets.sequences(1, 3, 5, 3), f);
        INDArray ref = RnnNets.input(RnnNets.sequences(2, 1, 5, 3), f);
        Attribution a = DeepLift.of(net).withSoftmaxNormalization(true).explain(x, ref, Target.unitAtStep(0, 2));
        INDArray out = net.output(x);
        INDArray outRef = net.output(ref);
        for (int i = 0; i < 3; i++) {
            double expected = 0;
            for (int k = 0; k < 3; k++) {
                double w = (k == 0 ? 1.0 : 0.0) - 1.0 / 3;
                double o = f == RNNFormat.NCW ? out.getDouble(i, k, 2) - outRef.getDouble(0, k, 2)
                        : out.getDouble(i, 2, k) - outRef.getDouble(0, 2, k);
                expected += w * o;
            }
            assertEquals(expected, a.deltas().getDouble(i), 1e-12);
        }
        assertTrue(a.maxSummationError() < 1e-12);
    }
}
