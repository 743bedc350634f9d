package dev.deeplift.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.deeplift.dl4j.DeepLift;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Reads a network saved by DL4J's {@link ModelSerializer}, telling a {@link MultiLayerNetwork} from a
 * {@link ComputationGraph} by its configuration (a graph's has {@code vertices}, a network's has {@code confs}),
 * and builds its explainer. An unsupported layer fails here, with the library's
 * {@link dev.deeplift.core.UnsupportedLayerException} naming it.
 */
final class ModelLoader {
    /** The entry ModelSerializer writes the configuration JSON to. */
    private static final String CONFIGURATION = "configuration.json";

    private ModelLoader() {
    }

    static LoadedModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw CliException.failure("model file not found: " + file);
        }
        if (kind(file) == Kind.GRAPH) {
            ComputationGraph graph = ModelSerializer.restoreComputationGraph(file.toFile(), false);
            DeepLift explainer = DeepLift.of(graph);
            return new LoadedModel(explainer, (x, mask) -> mask == null ? graph.outputSingle(x)
                    : graph.output(false, new INDArray[] {x}, new INDArray[] {mask})[0],
                    explainer.model().description());
        }
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile(), false);
        DeepLift explainer = DeepLift.of(net);
        return new LoadedModel(explainer, (x, mask) -> net.output(x, false, mask, null),
                explainer.model().description());
    }

    /** What a ModelSerializer zip holds. */
    private enum Kind { NETWORK, GRAPH }

    private static Kind kind(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry(CONFIGURATION);
            if (entry == null) {
                throw notAModel(file, "it has no " + CONFIGURATION);
            }
            try (Reader in = new InputStreamReader(zip.getInputStream(entry), StandardCharsets.UTF_8)) {
                JsonElement json = new JsonParser().parse(in);
                JsonObject conf = json.isJsonObject() ? json.getAsJsonObject() : new JsonObject();
                if (conf.has("vertices")) {
                    return Kind.GRAPH;
                }
                if (conf.has("confs")) {
                    return Kind.NETWORK;
                }
                throw notAModel(file, "its " + CONFIGURATION + " is neither a MultiLayerNetwork's nor a "
                        + "ComputationGraph's");
            }
        } catch (ZipException e) {
            throw notAModel(file, "it is not a zip file");
        } catch (JsonParseException e) {
            throw notAModel(file, "its " + CONFIGURATION + " is not JSON");
        } catch (IOException e) {
            throw CliException.failure("cannot read model file " + file + ": " + e.getMessage(), e);
        }
    }

    private static CliException notAModel(Path file, String why) {
        return CliException.failure(file + " is not a DL4J model saved with ModelSerializer: " + why);
    }
}
