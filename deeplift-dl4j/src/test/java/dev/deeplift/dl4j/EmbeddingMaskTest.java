package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.reference.EmbeddingReference;
import java.util.Arrays;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Feature masks on an {@code EmbeddingSequenceLayer}, which DL4J applies to its output (masked steps are zero). The
 * layer is the network's output here, so that every target is a masked embedding unit; what the layers after it do
 * with the mask belongs to those layers' converters.
 */
class EmbeddingMaskTest {
    private static final int VOCAB = 6;
    private static final int WIDTH = 3;
    private static final int STEPS = 5;
    private static final INDArray MASK = Nd4j.createFromArray(new double[][] {
        {1, 1, 1, 1, 1}, {1, 1, 1, 0, 0}, {0, 0, 1, 1, 1}, {1, 0, 1, 1, 0}});

    @Test
    void maskedOutputsMatchDl4jAndMaskedStepsScoreZero() {
        INDArray x = EmbeddingNets.tokens(31, 4, STEPS, VOCAB);
        INDArray ref = EmbeddingNets.tokens(32, 1, STEPS, VOCAB);
        for (RNNFormat format : RNNFormat.values()) {
            MultiLayerNetwork net = EmbeddingNets.alone(33, VOCAB, WIDTH, format, true, Activation.IDENTITY);
            INDArray out = net.output(x, false, MASK, null);
            INDArray outRef = net.output(ref.repeat(0, 4), false, MASK, null);
            DeepLift dl = DeepLift.of(net);
            for (int d = 0; d < WIDTH; d++) {
                for (int t = 0; t < STEPS; t++) {
                    long[] at = format == RNNFormat.NCW ? new long[] {d, t} : new long[] {t, d};
                    int unit = (int) (format == RNNFormat.NCW ? d * STEPS + t : t * WIDTH + d);
                    Attribution a = dl.explain(x, ref, unit, MASK);
                    for (int i = 0; i < 4; i++) {
                        double expected = out.getDouble(i, at[0], at[1]) - outRef.getDouble(i, at[0], at[1]);
                        assertEquals(expected, a.deltas().getDouble(i), 1e-12, format + " unit " + unit);
                        for (int s = 0; s < STEPS; s++) {
                            double score = a.scores().getDouble(i, s);
                            // A unit depends on its own step's token only, and not at all where it is masked.
                            double want = s == t && MASK.getDouble(i, t) == 1 ? expected : 0.0;
                            assertEquals(want, score, 1e-12);
                        }
                    }
                }
            }
        }
    }

    @Test
    void withoutAMaskEveryStepIsReal() {
        MultiLayerNetwork net = EmbeddingNets.alone(34, VOCAB, WIDTH, RNNFormat.NCW, true, Activation.IDENTITY);
        INDArray x = EmbeddingNets.tokens(35, 4, STEPS, VOCAB);
        INDArray ref = EmbeddingNets.tokens(36, 1, STEPS, VOCAB);
        INDArray ones = Nd4j.ones(DataType.DOUBLE, 4, STEPS);
        DeepLift dl = DeepLift.of(net);
        assertEquals(dl.explain(x, ref, 7).scores(), dl.explain(x, ref, 7, ones).scores());
    }

    @Test
    void aNonIdentityOutputActivationMasksTheScoredPreActivation() {
        // Targets are scored before the output activation: z·mask at the input against z_ref·mask.
        MultiLayerNetwork net = EmbeddingNets.alone(37, VOCAB, WIDTH, RNNFormat.NWC, true, Activation.TANH);
        INDArray x = EmbeddingNets.tokens(38, 4, STEPS, VOCAB).reshape(4, 1, STEPS);
        double[][] w = EmbeddingNets.matrix(net, 0, "W");
        double[] b = EmbeddingNets.vector(net, 0, "b", WIDTH);
        int t = 3;
        int d = 2;
        Attribution a = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(x, EmbeddingReference.zeros(),
                new int[] {t * WIDTH + d, t * WIDTH + d, t * WIDTH + d, t * WIDTH + d}, MASK);
        assertArrayEquals(new long[] {4, 1, STEPS}, a.scores().shape());
        for (int i = 0; i < 4; i++) {
            double m = MASK.getDouble(i, t);
            double expected = (w[x.getInt(i, 0, t)][d] + b[d]) * m - b[d] * m;
            assertEquals(expected, a.deltas().getDouble(i), 1e-12);
            assertEquals(expected, a.scores().getDouble(i, 0, t), 1e-12);
            // DL4J's output there is tanh(z)·mask.
            double dl4j = net.output(x, false, MASK, null).getDouble(i, t, d);
            assertEquals(Math.tanh(w[x.getInt(i, 0, t)][d] + b[d]) * m, dl4j, 1e-12);
        }
    }

    @Test
    void aMaskReachingGlobalPoolingIsAppliedThereToo() {
        // Global pooling over time applies the mask (branch rnn): padded steps are left out of the average.
        MultiLayerNetwork net = EmbeddingNets.pooled(39, VOCAB, WIDTH, RNNFormat.NCW, false, Activation.IDENTITY,
                PoolingType.AVG, 4, 2);
        INDArray x = EmbeddingNets.tokens(40, 4, STEPS, VOCAB);
        INDArray ref = EmbeddingNets.tokens(41, 1, STEPS, VOCAB);
        DeepLift dl = DeepLift.of(net);
        assertTrue(dl.explain(x, ref, 1).maxSummationError() < 1e-10);
        Attribution masked = dl.explain(x, ref, 1, MASK);
        assertTrue(masked.maxSummationError() < 1e-10);
        for (int i = 0; i < 4; i++) {
            for (int t = 0; t < STEPS; t++) {
                if (MASK.getDouble(i, t) == 0.0) {
                    assertEquals(0.0, masked.scores().getDouble(i, t), 0.0);
                }
            }
        }
    }

    @Test
    void badMasksAreRefused() {
        MultiLayerNetwork net = EmbeddingNets.alone(42, VOCAB, WIDTH, RNNFormat.NCW, false, Activation.IDENTITY);
        INDArray x = EmbeddingNets.tokens(43, 4, STEPS, VOCAB);
        INDArray ref = Nd4j.zeros(DataType.DOUBLE, 1, STEPS);
        DeepLift dl = DeepLift.of(net);
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> dl.explain(x, ref, 0, Nd4j.ones(DataType.DOUBLE, 4, STEPS + 1)));
        assertTrue(shape.getMessage().contains("time steps"), shape.getMessage());
        INDArray empty = MASK.dup();
        Arrays.asList(0, 1, 2, 3, 4).forEach(s -> empty.putScalar(2, s, 0.0));
        IllegalArgumentException all = assertThrows(IllegalArgumentException.class,
                () -> dl.explain(x, ref, 0, empty));
        assertTrue(all.getMessage().contains("example 2"), all.getMessage());
    }
}
