package dev.deeplift.keras;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.modelimport.keras.layers.core.KerasDense;
import org.deeplearning4j.nn.modelimport.keras.layers.embeddings.KerasEmbedding;
import org.deeplearning4j.nn.modelimport.keras.layers.recurrent.KerasLSTM;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * DL4J's import of Keras {@code Embedding}, driven layer by layer from Keras configurations and Keras-layout weights
 * (no HDF5 file: no real Keras model with an embedding is small enough to keep), checked against a hand lookup.
 */
class KerasEmbeddingTest {
    private static final int VOCAB = 6;
    private static final int WIDTH = 3;
    private static final int STEPS = 4;

    @SuppressWarnings("unchecked")
    private static Map<String, Object> config(String json) throws Exception {
        Map<String, Object> m = new ObjectMapper().readValue(json, Map.class);
        m.put("keras_version", 2);
        return m;
    }

    private static String embeddingJson(boolean maskZero) {
        return "{\"class_name\": \"Embedding\", \"config\": {\"name\": \"emb\", \"input_dim\": " + VOCAB
                + ", \"output_dim\": " + WIDTH + ", \"input_length\": " + STEPS + ", \"mask_zero\": " + maskZero
                + ", \"embeddings_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                + " \"batch_input_shape\": [null, " + STEPS + "]}}";
    }

    private static KerasEmbedding embedding(boolean maskZero, double[][] w) throws Exception {
        KerasEmbedding e = new KerasEmbedding(config(embeddingJson(maskZero)), false);
        Map<String, INDArray> weights = new HashMap<>();
        weights.put("embeddings", Nd4j.createFromArray(w).castTo(DataType.FLOAT));
        e.setWeights(weights);
        return e;
    }

    private static double[][] randomRows(long seed) {
        Random r = new Random(seed);
        double[][] w = new double[VOCAB][WIDTH];
        for (double[] row : w) {
            for (int d = 0; d < WIDTH; d++) {
                row[d] = (float) (r.nextDouble() * 2 - 1); // float-representable, as Keras weights are
            }
        }
        return w;
    }

    private static MultiLayerNetwork network(KerasEmbedding e) throws Exception {
        // No setInputType: it would replace nIn, the vocabulary, by 1 (the import itself turns that off).
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(e.getLayer()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        e.copyWeightsToLayer(net.getLayer(0));
        return net;
    }

    private static final INDArray TOKENS = Nd4j.createFromArray(new double[][] {{0, 3, 5, 1}, {2, 0, 0, 4}});

    @Test
    void embeddingImportsAsAnNwcLookupWithoutBiasAndIsExplainedExactly() throws Exception {
        double[][] w = randomRows(1);
        KerasEmbedding e = embedding(false, w);
        EmbeddingSequenceLayer conf = (EmbeddingSequenceLayer) e.getLayer();
        assertEquals(RNNFormat.NWC, conf.getOutputFormat());
        assertTrue(!conf.hasBias());
        MultiLayerNetwork net = network(e);
        INDArray out = net.output(TOKENS);
        for (int i = 0; i < 2; i++) {
            for (int t = 0; t < STEPS; t++) {
                for (int d = 0; d < WIDTH; d++) {
                    assertEquals(w[TOKENS.getInt(i, t)][d], out.getDouble(i, t, d), 0.0);
                }
            }
        }
        // Target: embedding dimension 2 at step 1 ([T, D] order), against token 1 everywhere.
        Attribution a = DeepLift.of(net).explain(TOKENS, Nd4j.ones(DataType.DOUBLE, 1, STEPS), WIDTH + 2);
        assertEquals(w[3][2] - w[1][2], a.scores().getDouble(0, 1), 1e-12);
        assertEquals(w[0][2] - w[1][2], a.scores().getDouble(1, 1), 1e-12);
        assertTrue(a.maxSummationError() < 1e-12);
    }

    @Test
    void maskZeroOnlyZeroesTheEmbeddingOfTokenZero() throws Exception {
        double[][] w = randomRows(2);
        INDArray out = network(embedding(true, w)).output(TOKENS);
        for (int d = 0; d < WIDTH; d++) {
            assertEquals(0.0, out.getDouble(0, 0, d), 0.0);           // Keras: w[0][d], masked downstream
            assertEquals(w[3][d], out.getDouble(0, 1, d), 0.0);
        }
    }

    @Test
    void maskZeroEmbeddingReadByALayerDl4jDoesNotMaskIsRefused() throws Exception {
        KerasEmbedding e = embedding(true, randomRows(3));
        KerasDense dense = new KerasDense(config("{\"class_name\": \"Dense\", \"config\": {\"name\": \"dense\","
                + " \"units\": 2, \"activation\": \"linear\", \"use_bias\": true,"
                + " \"kernel_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                + " \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}},"
                + " \"inbound_nodes\": [[[\"emb\", 0, 0, {}]]]}"), false);
        assertEquals(List.of("emb"), dense.getInboundLayerNames());
        Map<String, KerasLayerSpec> declared = KerasLayerSpec.parseAll("{\"class_name\": \"Model\", \"config\": "
                + "{\"layers\": [" + embeddingJson(true) + ", {\"class_name\": \"Dense\", \"config\": "
                + "{\"name\": \"dense\"}}]}}");
        List<KerasLayer> imported = List.of(e, dense);
        KerasImportException ex = assertThrows(KerasImportException.class,
                () -> ImportCorrections.apply(imported, declared));
        assertTrue(ex.getMessage().contains("'emb' has mask_zero=True") && ex.getMessage().contains("'dense'"),
                ex.getMessage());
        Map<String, KerasLayerSpec> unmasked = KerasLayerSpec.parseAll("{\"class_name\": \"Model\", \"config\": "
                + "{\"layers\": [" + embeddingJson(false) + "]}}");
        assertDoesNotThrow(() -> ImportCorrections.apply(imported, unmasked));
    }

    @Test
    void maskZeroEmbeddingBeforeARecurrentLayerIsLeftToItsMaskZeroLayer() throws Exception {
        KerasEmbedding e = embedding(true, randomRows(4));
        String lstmJson = "{\"class_name\": \"LSTM\", \"config\": {\"name\": \"lstm\", \"units\": 2,"
                + " \"activation\": \"tanh\", \"recurrent_activation\": \"sigmoid\", \"use_bias\": true,"
                + " \"unit_forget_bias\": true, \"return_sequences\": true,"
                + " \"kernel_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                + " \"recurrent_initializer\": {\"class_name\": \"Zeros\", \"config\": {}},"
                + " \"bias_initializer\": {\"class_name\": \"Zeros\", \"config\": {}}, \"dropout\": 0.0,"
                + " \"recurrent_dropout\": 0.0, \"unroll\": false, \"stateful\": false, \"go_backwards\": false},"
                + " \"inbound_nodes\": [[[\"emb\", 0, 0, {}]]]}";
        KerasLSTM lstm = new KerasLSTM(config(lstmJson), false, Map.of("emb", e));
        assertInstanceOf(MaskZeroLayer.class, lstm.getLayer());
        Map<String, KerasLayerSpec> declared = KerasLayerSpec.parseAll("{\"class_name\": \"Model\", \"config\": "
                + "{\"layers\": [" + embeddingJson(true) + ", " + lstmJson + "]}}");
        assertDoesNotThrow(() -> ImportCorrections.apply(List.of(e, lstm), declared));
    }
}
