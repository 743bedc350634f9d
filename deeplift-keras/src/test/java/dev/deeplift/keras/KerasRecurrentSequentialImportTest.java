package dev.deeplift.keras;

import static dev.deeplift.keras.KerasRecurrentFixtures.floats;
import static dev.deeplift.keras.KerasRecurrentFixtures.maxDiff;
import static dev.deeplift.keras.KerasRecurrentFixtures.nwc;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.DeepLift;
import java.nio.file.Path;
import java.util.Random;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A whole Keras {@code Sequential} model, {@code SimpleRNN(3, return_sequences=True)} →
 * {@code Bidirectional(LSTM(2), merge_mode="concat")} → {@code Dense(1)}, imported through the library's own path,
 * {@link KerasModels#importSequential(String, Path)}: its JSON as Keras 2.2.4 writes it, with Keras' default
 * {@code Orthogonal} recurrent initializers (which crash DL4J 1.0.0-M2.1 unless {@link KerasJsonCorrections}
 * replaces them), and its weights in an HDF5 file in {@code save_weights}' layout written at test time
 * ({@link KerasWeightsH5}). The imported network, converted to DOUBLE (the float32 weights are exact in double),
 * must compute Keras' forward ({@link KerasHandRecurrent}) to 1e-10 and be explained by Rescale and RevealCancel
 * with summation-to-delta to 1e-10 relative.
 */
class KerasRecurrentSequentialImportTest {
    private static final int N = 3;
    private static final int T = 4;
    private static final int C = 2;

    @Test
    void aSequentialModelWithOrthogonalInitializersImportsAsKerasComputesItAndIsExplainedExactly(@TempDir Path dir)
            throws Exception {
        String json = "{\"class_name\": \"Sequential\", \"keras_version\": \"2.2.4\", \"backend\": \"tensorflow\","
                + " \"config\": {\"name\": \"sequential_1\", \"layers\": ["
                + KerasRecurrentFixtures.simpleRnn("simple_rnn_1", 3, "tanh", true, T, C, "Orthogonal") + ", "
                + KerasRecurrentFixtures.bidirectional("bidirectional_1",
                        KerasRecurrentFixtures.lstm("lstm_1", 2, false, -1, 0, "Orthogonal"), "concat", -1, 0) + ", "
                + KerasRecurrentFixtures.dense("dense_1", 1) + "]}}";
        assertTrue(json.contains("Orthogonal"));
        Random r = new Random(31);
        double[][] k1 = floats(r, C, 3);
        double[][] u1 = floats(r, 3, 3);
        double[] b1 = floats(r, 3);
        double[][] kf = floats(r, 3, 8);
        double[][] uf = floats(r, 2, 8);
        double[] bf = floats(r, 8);
        double[][] kb = floats(r, 3, 8);
        double[][] ub = floats(r, 2, 8);
        double[] bb = floats(r, 8);
        double[][] v = floats(r, 4, 1);
        double[] c = floats(r, 1);
        Path h5 = dir.resolve("weights.h5");
        new KerasWeightsH5()
                .add("simple_rnn_1", "simple_rnn_1/kernel:0", k1)
                .add("simple_rnn_1", "simple_rnn_1/recurrent_kernel:0", u1)
                .add("simple_rnn_1", "simple_rnn_1/bias:0", b1)
                .add("bidirectional_1", "bidirectional_1/forward_lstm_1/kernel:0", kf)
                .add("bidirectional_1", "bidirectional_1/forward_lstm_1/recurrent_kernel:0", uf)
                .add("bidirectional_1", "bidirectional_1/forward_lstm_1/bias:0", bf)
                .add("bidirectional_1", "bidirectional_1/backward_lstm_1/kernel:0", kb)
                .add("bidirectional_1", "bidirectional_1/backward_lstm_1/recurrent_kernel:0", ub)
                .add("bidirectional_1", "bidirectional_1/backward_lstm_1/bias:0", bb)
                .add("dense_1", "dense_1/kernel:0", v)
                .add("dense_1", "dense_1/bias:0", c)
                .write(h5);

        MultiLayerNetwork imported = KerasModels.importSequential(json, h5);
        assertEquals(3, imported.getnLayers());
        assertInstanceOf(SimpleRnn.class, imported.getLayer(0).conf().getLayer());
        Bidirectional bidi = assertInstanceOf(Bidirectional.class, imported.getLayer(1).conf().getLayer());
        assertEquals(Bidirectional.Mode.CONCAT, bidi.getMode());
        assertInstanceOf(LSTM.class, assertInstanceOf(LastTimeStep.class, bidi.getFwd()).getUnderlying());
        assertInstanceOf(DenseLayer.class, imported.getLayer(2).conf().getLayer());
        MultiLayerNetwork net = imported.convertDataType(DataType.DOUBLE);

        double[][][] x = KerasRecurrentFixtures.sequences(r, N, T, C);
        double[][][] ref = new double[1][T][C];
        double[][] hand = keras(x, k1, u1, b1, kf, uf, bf, kb, ub, bb, v, c);
        double[][] handRef = keras(ref, k1, u1, b1, kf, uf, bf, kb, ub, bb, v, c);
        assertTrue(maxDiff(hand, net.output(nwc(x))) < 1e-10, "outputs differ from Keras' by "
                + maxDiff(hand, net.output(nwc(x))));
        double[] deltas = new double[N];
        for (int i = 0; i < N; i++) {
            deltas[i] = hand[i][0] - handRef[0][0];
        }
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(nwc(x), nwc(ref), 0);
            KerasSimpleRnnImportTest.assertExplained(a, deltas, rule.toString());
        }
    }

    private static double[][] keras(double[][][] x, double[][] k1, double[][] u1, double[] b1, double[][] kf,
                                    double[][] uf, double[] bf, double[][] kb, double[][] ub, double[] bb,
                                    double[][] v, double[] c) {
        double[][][] h1 = KerasHandRecurrent.simpleRnn(x, k1, u1, b1, "tanh");
        double[][] h2 = KerasHandRecurrent.bidirectionalLast(h1, s -> KerasHandRecurrent.lstm(s, kf, uf, bf),
                s -> KerasHandRecurrent.lstm(s, kb, ub, bb), "concat");
        return KerasHandRecurrent.dense(h2, v, c);
    }
}
