package dev.deeplift.bench.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.Methods;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The recurrent benchmark networks take any length, give their documented outputs and are explained exactly. */
class SequenceBenchmarkModelTest {
    /** FLOAT summation error relative to the scale of the scores. */
    private static final double FLOAT_RELATIVE = 1e-3;

    @ParameterizedTest
    @EnumSource(SequenceBenchmarkModel.class)
    void networksTakeAnyLengthAndGiveOneOutputRowPerExample(SequenceBenchmarkModel model) {
        MultiLayerNetwork net = model.network();
        for (int steps : new int[] {3, 17}) {
            INDArray x = model.inputs(2, steps, 1);
            assertArrayEquals(model.inputShape(2, steps), x.shape());
            assertArrayEquals(new long[] {2, model.outputs()}, net.output(x).shape());
        }
        assertEquals(DataType.FLOAT, net.params().dataType());
        assertEquals(net.params(), model.network().params(), "weights come from a fixed seed");
        assertArrayEquals(new long[] {4, model.outputs()}, model.labels(4, 2).shape());
    }

    @ParameterizedTest
    @EnumSource(SequenceBenchmarkModel.class)
    void rescaleAndRevealCancelScoresSumToTheLogitDeltas(SequenceBenchmarkModel model) {
        MultiLayerNetwork net = model.network();
        INDArray x = model.inputs(3, 12, 3);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = Methods.deepLift(net, rule).explain(x, model.zeroReference(12), model.targets(3));
            double scale = 1 + Transforms.abs(a.scores()).reshape(3, -1).sum(1).maxNumber().doubleValue();
            assertTrue(a.maxSummationError() <= FLOAT_RELATIVE * scale, model + " " + rule + ": "
                    + a.maxSummationError());
            assertTrue(Transforms.abs(a.deltas()).maxNumber().doubleValue() > 0, model + ": some delta is non-zero");
        }
    }
}
