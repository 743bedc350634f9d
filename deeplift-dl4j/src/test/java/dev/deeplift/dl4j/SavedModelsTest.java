package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.deeplift.core.Attribution;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Saved networks are read back as what they are, and anything else is refused with the reason. */
class SavedModelsTest {

    @Test
    void aSavedMultiLayerNetworkIsReadBackAndExplainsAsTheOriginal(@TempDir Path dir) throws IOException {
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 3, new int[] {4, 6, 3},
                new IActivation[] {Activation.RELU.getActivationFunction()}, Activation.SOFTMAX);
        Path file = dir.resolve("mlp.zip");
        ModelSerializer.writeModel(net, file.toFile(), true);

        assertEquals(SavedModels.Kind.MULTI_LAYER_NETWORK, SavedModels.kind(Files.newInputStream(file)));
        Model read = SavedModels.read(file);
        assertInstanceOf(MultiLayerNetwork.class, read);
        assertEquals(net.params(), read.params());
        INDArray x = TestNets.uniform(DataType.DOUBLE, 4, 1.0, 5, 4);
        Attribution original = DeepLift.of(net).explain(x, 2);
        Attribution again = SavedModels.explainer(read).explain(x, 2);
        assertEquals(original.scores(), again.scores());
        assertEquals(net.output(x, false), SavedModels.output(read, x));
    }

    @Test
    void aSavedComputationGraphIsReadBackFromAStream(@TempDir Path dir) throws IOException {
        ComputationGraph graph = ComputationGraphTest.residual(DataType.DOUBLE);
        Path file = dir.resolve("graph.zip");
        ModelSerializer.writeModel(graph, file.toFile(), false);

        assertEquals(SavedModels.Kind.COMPUTATION_GRAPH, SavedModels.kind(Files.newInputStream(file)));
        Model read = SavedModels.read(Files.newInputStream(file));
        assertInstanceOf(ComputationGraph.class, read);
        assertEquals(graph.params(), read.params());
        INDArray x = TestNets.uniform(DataType.DOUBLE, 5, 1.0, 2, 3, 6, 6);
        assertEquals(graph.outputSingle(false, x), SavedModels.output(read, x));
        assertEquals(DeepLift.of(graph).explain(x, 1).scores(), SavedModels.explainer(read).explain(x, 1).scores());
    }

    @Test
    void somethingElseIsRefusedWithTheReason() throws IOException {
        assertReason("it is not a zip file", "plain text".getBytes(StandardCharsets.UTF_8));
        assertReason("it is not a zip file", new byte[0]);
        assertReason("it has no configuration.json", zip("coefficients.bin", "123"));
        assertReason("its configuration.json is not JSON", zip("configuration.json", "{not json"));
        assertReason("its configuration.json is neither a MultiLayerNetwork's nor a ComputationGraph's",
                zip("configuration.json", "{\"layers\": []}"));
    }

    private static void assertReason(String reason, byte[] content) {
        NotASavedModelException e = assertThrows(NotASavedModelException.class,
                () -> SavedModels.read(new ByteArrayInputStream(content)));
        assertEquals(reason, e.getMessage());
        InputStream in = new ByteArrayInputStream(content);
        assertEquals(reason, assertThrows(NotASavedModelException.class, () -> SavedModels.kind(in)).getMessage());
    }

    private static byte[] zip(String entry, String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry(entry));
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return bytes.toByteArray();
    }
}
