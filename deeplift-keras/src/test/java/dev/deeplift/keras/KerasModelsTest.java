package dev.deeplift.keras;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.KerasModelImport;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Import of the DeepLIFT paper's TAL-GATA Keras model, checked against the Keras model's own outputs. */
class KerasModelsTest {
    private static MultiLayerNetwork net;

    @BeforeAll
    static void importOnce() {
        net = KerasModels.importSequential(TalGataFixture.modelJson(), TalGataFixture.weights());
    }

    @Test
    void sequentialImportGivesTheKerasOutputs() {
        assertKerasOutputs(net.output(TalGataFixture.input()));
    }

    @Test
    void rawDl4jImportPoolsWithMaxAndGivesWrongOutputs() throws Exception {
        // Documents the fault KerasModels corrects: DL4J's own import of AveragePooling1D computes MAX pooling.
        MultiLayerNetwork raw = KerasModelImport.importKerasSequentialModelAndWeights(
                TalGataFixture.modelJson().toString(), TalGataFixture.weights().toString(), false);
        Subsampling1DLayer pooling = (Subsampling1DLayer) raw.getLayer(4).conf().getLayer();
        assertEquals("average_pooling1d_1", pooling.getLayerName());
        assertEquals(PoolingType.MAX, pooling.getPoolingType());
        double[] first = raw.output(TalGataFixture.input()).getRow(0).toDoubleVector();
        assertArrayEquals(new double[] {1.0, 1.0, 1.0}, first, 1e-4); // Keras: 0.8628 0.9453 0.9994
        assertTrue(Math.abs(first[0] - TalGataFixture.KERAS_OUTPUTS[0][0]) > 0.1);
    }

    @Test
    void correctedConfigurationMatchesTheKerasModel() {
        List<Class<?>> expected = List.of(Convolution1DLayer.class, ActivationLayer.class, Convolution1DLayer.class,
                ActivationLayer.class, Subsampling1DLayer.class, DenseLayer.class, ActivationLayer.class,
                DropoutLayer.class, DenseLayer.class, ActivationLayer.class);
        assertEquals(expected.size(), net.getnLayers());
        for (int i = 0; i < expected.size(); i++) {
            Layer conf = net.getLayer(i).conf().getLayer();
            assertEquals(expected.get(i), conf.getClass(), "layer " + i);
            if (!(conf instanceof DropoutLayer)) {
                assertNull(conf.getIDropout(), "no-op dropout left on layer " + i);
            }
        }
        Subsampling1DLayer pooling = (Subsampling1DLayer) net.getLayer(4).conf().getLayer();
        assertEquals(PoolingType.AVG, pooling.getPoolingType());
        assertArrayEquals(new int[] {180, 1}, pooling.getKernelSize());
        DropoutLayer dropout = (DropoutLayer) net.getLayer(7).conf().getLayer();
        assertEquals(0.5, ((Dropout) dropout.getIDropout()).getP(), 0.0); // Keras rate 0.5: keep half
        assertInstanceOf(ActivationIdentity.class, dropout.getActivationFn());
        ActivationLayer last = (ActivationLayer) net.getLayer(9).conf().getLayer();
        assertInstanceOf(ActivationSigmoid.class, last.getActivationFn());
        assertEquals(DataType.FLOAT, net.getLayerWiseConfigurations().getDataType());
    }

    @Test
    void inputIsChannelsLastAndChannelsFirstIsRefused() {
        INDArray nwc = TalGataFixture.input();
        assertArrayEquals(new long[] {4, 3}, net.output(nwc).shape());
        INDArray ncw = nwc.permute(0, 2, 1).dup();
        assertThrows(RuntimeException.class, () -> net.output(ncw));
    }

    @Test
    void jsonTextVariantGivesTheSameNetwork() throws Exception {
        String json = Files.readString(TalGataFixture.modelJson());
        MultiLayerNetwork fromText = KerasModels.importSequential(json, TalGataFixture.weights());
        assertEquals(net.params(), fromText.params());
        // The configurations differ only in their random seeds; the outputs must be identical.
        INDArray x = TalGataFixture.input();
        assertEquals(net.output(x), fromText.output(x));
    }

    @Test
    void functionalImportGivesTheKerasOutputs() throws Exception {
        Path functional = Path.of(KerasModelsTest.class.getResource("/keras/talgata_functional.json").toURI());
        ComputationGraph graph = KerasModels.importFunctional(functional, TalGataFixture.weights());
        Subsampling1DLayer pooling = (Subsampling1DLayer) graph.getLayer("average_pooling1d_1").conf().getLayer();
        assertEquals(PoolingType.AVG, pooling.getPoolingType());
        assertKerasOutputs(graph.outputSingle(TalGataFixture.input()));
    }

    @Test
    void functionalImportRefusesASequentialModel() {
        assertThrows(KerasImportException.class,
                () -> KerasModels.importFunctional(TalGataFixture.modelJson(), TalGataFixture.weights()));
    }

    @Test
    void missingWeightsFileIsAnIoErrorNamingTheFile() {
        Path missing = TalGataFixture.dir().resolve("no-such-weights.h5");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> KerasModels.importSequential(TalGataFixture.modelJson(), missing));
        assertTrue(e.getMessage().contains("no-such-weights.h5"), e.getMessage());
    }

    private static void assertKerasOutputs(INDArray out) {
        assertArrayEquals(new long[] {4, 3}, out.shape());
        for (int n = 0; n < TalGataFixture.IDS.length; n++) {
            // Keras's values are given to four decimals.
            assertArrayEquals(TalGataFixture.KERAS_OUTPUTS[n], out.getRow(n).toDoubleVector(), 1e-3,
                    TalGataFixture.IDS[n]);
        }
    }
}
