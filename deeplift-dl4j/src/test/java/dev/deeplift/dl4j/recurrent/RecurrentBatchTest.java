package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** An example's scores do not depend on the other examples of its batch, masks and shared references included. */
class RecurrentBatchTest {

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = Rule.class, names = {"RESCALE", "REVEAL_CANCEL"})
    void eachExampleScoresAsWhenExplainedAlone(Rule rule) {
        for (String name : new String[] {"LSTM", "GravesBidirectionalLSTM", "Bidirectional MUL GravesLSTM",
            "LastTimeStep Bidirectional CONCAT LSTM", "MaskZeroLayer SimpleRnn", "GlobalPooling MAX"}) {
            RnnCases c = RnnCases.all().stream().filter(k -> k.name().equals(name)).findFirst().orElseThrow();
            MultiLayerNetwork net = RnnNets.mln(8, c.layers().apply(RNNFormat.NCW));
            double[][][] xs = RnnNets.sequences(3, 4, 7, 3);
            java.util.Arrays.fill(xs[2][6], 0.0);
            INDArray x = RnnNets.input(xs, RNNFormat.NCW);
            INDArray ref = RnnNets.input(RnnNets.sequences(4, 1, 7, 3), RNNFormat.NCW);
            INDArray mask = RnnNets.array(RnnNets.masks(7));
            int[] units = {0, 1, 2, 1};
            int[] steps = {6, 3, 0, 5};
            Target all = c.sequenceOutput() ? Target.perExample(0, units).atSteps(steps) : Target.perExample(0, units);
            DeepLift dl = DeepLift.of(net).withRule(rule);
            Attribution batch = dl.explain(x, ref, all, mask);
            for (int i = 0; i < 4; i++) {
                INDArray xi = x.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all(), NDArrayIndex.all());
                INDArray mi = mask.get(NDArrayIndex.interval(i, i + 1), NDArrayIndex.all());
                Target one = c.sequenceOutput() ? Target.unitAtStep(units[i], steps[i]) : Target.of(0, units[i]);
                Attribution alone = dl.explain(xi, ref, one, mi);
                double[] expected = alone.scores().dup().data().asDouble();
                double[] got = batch.scores().get(NDArrayIndex.point(i)).dup().data().asDouble();
                assertArrayEquals(expected, got, 1e-12, name + " example " + i);
            }
        }
    }
}
