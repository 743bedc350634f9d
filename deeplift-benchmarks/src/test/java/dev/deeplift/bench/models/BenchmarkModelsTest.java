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

/** The benchmark networks have the documented shapes, and DeepLIFT explains them with summation-to-delta. */
class BenchmarkModelsTest {
    /** FLOAT summation error relative to the scale of the scores. */
    private static final double FLOAT_RELATIVE = 1e-3;

    @ParameterizedTest
    @EnumSource(BenchmarkModel.class)
    void networksTakeTheModelsInputsAndGiveItsOutputs(BenchmarkModel model) {
        MultiLayerNetwork net = model.network();
        INDArray x = model.inputs(3, 1);
        assertArrayEquals(model.inputShape(3), x.shape());
        assertEquals(DataType.FLOAT, net.params().dataType());
        assertArrayEquals(new long[] {3, model.outputs()}, net.output(x).shape());
        assertArrayEquals(new long[] {3, model.outputs()}, model.labels(3, 2).shape());
        assertEquals(net.params(), model.network().params(), "weights come from a fixed seed");
    }

    @ParameterizedTest
    @EnumSource(BenchmarkModel.class)
    void rescaleScoresSumToTheLogitDeltas(BenchmarkModel model) {
        MultiLayerNetwork net = model.network();
        INDArray x = model.inputs(2, 3);
        Attribution a = Methods.deepLift(net, Rule.RESCALE).explain(x, model.inputs(2, 4), model.targets(2));
        double scale = 1 + Transforms.abs(a.scores()).reshape(2, -1).sum(1).maxNumber().doubleValue();
        assertTrue(a.maxSummationError() <= FLOAT_RELATIVE * scale, model + ": " + a.maxSummationError());
        assertTrue(Transforms.abs(a.deltas()).maxNumber().doubleValue() > 0, model + ": some delta is non-zero");
    }

    @ParameterizedTest
    @EnumSource(value = BenchmarkModel.class, names = "CONV1D")
    void dnaInputsAreOneHotPerPosition(BenchmarkModel model) {
        INDArray x = model.inputs(2, 5);
        assertTrue(x.sum(1).equalsWithEps(x.sum(1).mul(0).add(1), 0), "one base per position");
    }
}
