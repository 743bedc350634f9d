package dev.deeplift.dl4j;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.ZipException;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Reads networks saved by DL4J's {@link ModelSerializer} from a file or any stream (a Hadoop file system, a class
 * path resource), telling a {@link MultiLayerNetwork} from a {@link ComputationGraph} by the configuration it holds:
 * a graph's has {@code vertices}, a network's has {@code confs}. DL4J's own guesser lives in
 * {@code deeplearning4j-core}, which this project does not use.
 *
 * <pre>{@code
 * Model net = SavedModels.read(Path.of("model.zip"));          // MultiLayerNetwork or ComputationGraph
 * DeepLift explainer = SavedModels.explainer(net);
 * }</pre>
 *
 * <p>The updater state is not read: explaining needs the parameters only.
 */
public final class SavedModels {
    /** What a ModelSerializer zip holds. */
    public enum Kind { MULTI_LAYER_NETWORK, COMPUTATION_GRAPH }

    /** The zip entry ModelSerializer writes the configuration to (its first entry). */
    private static final String CONFIGURATION = ModelSerializer.CONFIGURATION_JSON;
    /** Every zip file starts with a local file header: "PK\3\4". */
    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};

    private SavedModels() {
    }

    /**
     * The network in a saved file.
     *
     * @throws NotASavedModelException if the file is not a ModelSerializer zip (the message says why)
     * @throws IOException             if the file cannot be read
     */
    public static Model read(Path file) throws IOException {
        return read(Files.readAllBytes(file));
    }

    /**
     * The network in a stream, read to its end and closed.
     *
     * @throws NotASavedModelException if the stream is not a ModelSerializer zip (the message says why)
     */
    public static Model read(InputStream zip) throws IOException {
        try (InputStream in = zip) {
            return read(in.readAllBytes());
        }
    }

    private static Model read(byte[] zip) throws IOException {
        Kind kind = kind(new ByteArrayInputStream(zip));
        return kind == Kind.COMPUTATION_GRAPH
                ? ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(zip), false)
                : ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(zip), false);
    }

    /**
     * What a saved network is, read from the stream only up to its configuration (the first entry ModelSerializer
     * writes), so a check of a large or remote file reads little. The stream is closed.
     *
     * @throws NotASavedModelException if the stream is not a ModelSerializer zip (the message says why)
     */
    public static Kind kind(InputStream zip) throws IOException {
        try (InputStream in = zip) {
            byte[] head = in.readNBytes(ZIP_MAGIC.length);
            if (!Arrays.equals(head, ZIP_MAGIC)) {
                throw new NotASavedModelException("it is not a zip file");
            }
            ZipInputStream entries = new ZipInputStream(new SequenceInputStream(
                    new ByteArrayInputStream(head), in));
            for (ZipEntry e = entries.getNextEntry(); e != null; e = entries.getNextEntry()) {
                if (CONFIGURATION.equals(e.getName())) {
                    return kindOf(entries.readAllBytes());
                }
            }
            throw new NotASavedModelException("it has no " + CONFIGURATION);
        } catch (ZipException e) {
            throw new NotASavedModelException("it is not a readable zip file (" + e.getMessage() + ")");
        }
    }

    private static Kind kindOf(byte[] configuration) throws NotASavedModelException {
        JsonNode conf;
        try {
            conf = new ObjectMapper().readTree(configuration);
        } catch (IOException e) {
            throw new NotASavedModelException("its " + CONFIGURATION + " is not JSON");
        }
        if (conf != null && conf.has("vertices")) {
            return Kind.COMPUTATION_GRAPH;
        }
        if (conf != null && conf.has("confs")) {
            return Kind.MULTI_LAYER_NETWORK;
        }
        throw new NotASavedModelException("its " + CONFIGURATION + " is neither a MultiLayerNetwork's nor a "
                + "ComputationGraph's");
    }

    /**
     * The explainer of a network read by {@link #read}, with the default settings ({@link DeepLift#of}).
     *
     * @throws IllegalArgumentException if the model is neither a MultiLayerNetwork nor a ComputationGraph
     */
    public static DeepLift explainer(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return DeepLift.of(net);
        }
        if (model instanceof ComputationGraph graph) {
            return DeepLift.of(graph);
        }
        throw new IllegalArgumentException("Not a MultiLayerNetwork or ComputationGraph: "
                + (model == null ? "null" : model.getClass().getName()));
    }

    /**
     * The network's inference output for a batch (DL4J's {@code output(x, false)}; a graph's single output), after
     * the output activation.
     *
     * @throws IllegalArgumentException if the model is neither a MultiLayerNetwork nor a ComputationGraph
     */
    public static INDArray output(Model model, INDArray input) {
        return output(model, input, null);
    }

    /**
     * The network's inference output for one input with a feature mask ({@code [N, T]}, 1 for real steps; null for
     * none), as DL4J's {@code output(input, false, featureMask, null)} computes it.
     *
     * @param model a network {@link #read} returned
     * @param input the network's input
     * @param featureMask the input's feature mask, or null
     * @return the first output
     */
    public static INDArray output(Model model, INDArray input, INDArray featureMask) {
        if (model instanceof MultiLayerNetwork net) {
            return featureMask == null ? net.output(input, false) : net.output(input, false, featureMask, null);
        }
        if (model instanceof ComputationGraph graph) {
            return featureMask == null ? graph.outputSingle(false, input)
                    : graph.output(false, new INDArray[] {input}, new INDArray[] {featureMask})[0];
        }
        throw new IllegalArgumentException("Not a MultiLayerNetwork or ComputationGraph: "
                + (model == null ? "null" : model.getClass().getName()));
    }
}
