package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feed-forward layers applied at every step: dense layers between the RnnToFeedForward and FeedForwardToRnn
 * preprocessors DL4J adds (masked as DL4J masks them), a network ending in per-step dense outputs (DL4J's
 * {@code [N·T, K]} rows, explained as a sequence output), and TimeDistributed(DenseLayer).
 */
class PerStepLayersTest {
    private static final int STEPS = 6;

    private static MultiLayerNetwork net(RNNFormat f, boolean endsPerStep) {
        var b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(4).list()
                .layer(RnnCases.lstm(f, Activation.TANH, Activation.SIGMOID))
                .layer(new DenseLayer.Builder().nIn(4).nOut(5).activation(Activation.SIGMOID).build());
        b.layer(endsPerStep ? RnnCases.out(5) : RnnCases.rnnOut(f, 5));
        MultiLayerNetwork net = new MultiLayerNetwork(b.setInputType(InputType.recurrent(3, f)).build());
        net.init();
        RnnNets.randomise(net.params(), 4);
        return net;
    }

    private static void check(MultiLayerNetwork net, RNNFormat f, INDArray mask, boolean rowsOut) {
        INDArray x = RnnNets.input(RnnNets.sequences(5, 4, STEPS, 3), f);
        INDArray ref = RnnNets.input(RnnNets.sequences(6, 1, STEPS, 3), f);
        INDArray out = RnnNets.output(net, x, mask);
        INDArray outRef = RnnNets.output(net, ref.repeat(0, 4), mask);
        int unit = 1;
        int step = 4;
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(x, ref, Target.unitAtStep(unit, step), mask);
            for (int i = 0; i < 4; i++) {
                // DL4J's feed-forward rows are example i at step t in row i + t·N.
                double expected = rowsOut ? out.getDouble(i + step * 4L, unit) - outRef.getDouble(i + step * 4L, unit)
                        : f == RNNFormat.NCW ? out.getDouble(i, unit, step) - outRef.getDouble(i, unit, step)
                        : out.getDouble(i, step, unit) - outRef.getDouble(i, step, unit);
                assertEquals(expected, a.deltas().getDouble(i), 1e-12, rule + " example " + i);
            }
            assertTrue(a.maxSummationError() < 1e-12, rule + " summation error " + a.maxSummationError());
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RNNFormat.class)
    void denseLayersBetweenRnnPreprocessorsActOnEveryStepAndAreMasked(RNNFormat f) {
        MultiLayerNetwork net = net(f, false);
        check(net, f, null, false);
        check(net, f, RnnNets.array(RnnNets.masks(STEPS)), false);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RNNFormat.class)
    void aNetworkEndingInPerStepDenseOutputsHasSequenceTargets(RNNFormat f) {
        MultiLayerNetwork net = net(f, true);
        check(net, f, null, true);
        check(net, f, RnnNets.array(RnnNets.masks(STEPS)), true);
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(RNNFormat.class)
    void timeDistributedDenseIsExplainedWithoutPaddingAndRefusedWithIt(RNNFormat f) {
        MultiLayerNetwork net = RnnNets.mln(2, new TimeDistributed(new DenseLayer.Builder().nIn(3).nOut(4)
                .activation(Activation.TANH).build(), f), RnnCases.lstmWith(f, 4), RnnCases.rnnOut(f, 4));
        check(net, f, null, false);
        INDArray x = RnnNets.input(RnnNets.sequences(5, 4, STEPS, 3), f);
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(net)
                .explain(x, x.mul(0), Target.unitAtStep(0, 1), RnnNets.array(RnnNets.masks(STEPS))));
        assertTrue(e.getMessage().contains("TimeDistributed") && e.getMessage().contains("wrong"), e.getMessage());
    }
}
