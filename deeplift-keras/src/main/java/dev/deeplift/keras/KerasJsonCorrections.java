package dev.deeplift.keras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;
import org.nd4j.shade.jackson.databind.node.ArrayNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * Corrections and checks of a Keras model JSON before DL4J 1.0.0-M2.1 imports it, for faults of the import of
 * recurrent models (found with the real models in {@code /work/scratch/rnn/NOTES.md} §8):
 * <ol>
 *   <li><b>The {@code Orthogonal} initializer crashes the JVM</b> (a native fault in {@code libnd4jcpu} while the
 *       network is initialised; Keras' LSTM uses it by default for its recurrent kernel). Every
 *       {@code Orthogonal} initializer is replaced by {@code Zeros}: exact, since the HDF5 weights then overwrite
 *       every parameter.</li>
 *   <li><b>{@code go_backwards=True} is ignored</b>: DL4J imports a forward recurrent layer, silently wrong.
 *       Refused with an error naming the layer.</li>
 *   <li><b>{@code Masking} (or {@code Embedding(mask_zero=True)}) before a recurrent layer with
 *       {@code return_sequences=False}</b> fails in DL4J with a {@code ClassCastException} (its MaskZeroLayer wraps
 *       a LastTimeStep, whose weights it cannot set), and DL4J could not run that structure on Keras' NWC data
 *       anyway. Refused with an error that says so.</li>
 *   <li><b>{@code Bidirectional(..., backward_layer=...)} is read as if the backward layer were a copy of the
 *       forward one</b>: DL4J never reads {@code backward_layer}, so a backward layer configured differently (another
 *       activation, say) would be imported silently wrong. Refused unless it equals the forward layer apart from
 *       its name and {@code go_backwards}.</li>
 * </ol>
 */
final class KerasJsonCorrections {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> RECURRENT = Set.of("LSTM", "SimpleRNN", "GRU", "CuDNNLSTM", "CuDNNGRU",
            "ConvLSTM2D");

    private KerasJsonCorrections() {
    }

    /**
     * The corrected JSON.
     *
     * @param changes receives a description of every change made
     * @throws KerasImportException for a model DL4J would import wrongly or not at all
     */
    static String correct(String modelJson, List<String> changes) {
        JsonNode root;
        try {
            root = JSON.readTree(modelJson);
        } catch (IOException e) {
            throw new UncheckedIOException("The Keras model JSON cannot be parsed", e);
        }
        int replaced = replaceOrthogonal(root);
        if (replaced > 0) {
            changes.add(replaced + " Orthogonal initializer" + (replaced == 1 ? "" : "s") + " replaced by Zeros "
                    + "(DL4J 1.0.0-M2.1 crashes initialising them; the HDF5 weights overwrite them)");
        }
        check(root);
        try {
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int replaceOrthogonal(JsonNode node) {
        int count = 0;
        if (node instanceof ObjectNode o) {
            var names = new ArrayList<String>();
            o.fieldNames().forEachRemaining(names::add);
            for (String field : names) {
                JsonNode v = o.get(field);
                if (v instanceof ObjectNode init && "Orthogonal".equals(init.path("class_name").asText())) {
                    ObjectNode zeros = JSON.createObjectNode();
                    zeros.put("class_name", "Zeros");
                    zeros.set("config", JSON.createObjectNode());
                    o.set(field, zeros);
                    count++;
                } else {
                    count += replaceOrthogonal(v);
                }
            }
        } else if (node instanceof ArrayNode a) {
            for (JsonNode v : a) {
                count += replaceOrthogonal(v);
            }
        }
        return count;
    }

    /** Refuses go_backwards and masked recurrent layers that return their last step only, in every (nested) model. */
    private static void check(JsonNode model) {
        JsonNode config = model.path("config");
        JsonNode layers = config.isArray() ? config : config.path("layers");
        boolean sequential = config.isArray() || "Sequential".equals(model.path("class_name").asText());
        JsonNode previous = null;
        for (JsonNode layer : layers) {
            String cls = layer.path("class_name").asText();
            JsonNode cfg = layer.path("config");
            String name = cfg.path("name").asText(layer.path("name").asText());
            JsonNode inner = "Bidirectional".equals(cls) || "TimeDistributed".equals(cls) ? cfg.path("layer") : null;
            String recurrent = RECURRENT.contains(cls) ? cls : inner != null && RECURRENT.contains(inner.path(
                    "class_name").asText()) ? inner.path("class_name").asText() : null;
            JsonNode rnnConfig = RECURRENT.contains(cls) ? cfg : inner == null ? null : inner.path("config");
            if (recurrent != null && rnnConfig.path("go_backwards").asBoolean(false)) {
                throw new KerasImportException("Keras layer \"" + name + "\" (" + recurrent + ") has go_backwards="
                        + "True, which DL4J 1.0.0-M2.1's Keras import ignores: it would import a layer that reads the "
                        + "sequence forwards, silently computing something else. Reverse the input sequences instead");
            }
            if ("Bidirectional".equals(cls) && cfg.has("backward_layer")
                    && !sameLayer(cfg.path("layer"), cfg.path("backward_layer"))) {
                throw new KerasImportException("Keras layer \"" + name + "\" (Bidirectional) has a backward_layer "
                        + "configured differently from its forward layer, which DL4J 1.0.0-M2.1's Keras import "
                        + "ignores: it would run a copy of the forward layer backwards, silently computing something "
                        + "else. Build the Bidirectional from one layer instead");
            }
            JsonNode feeding = sequential ? previous : inbound(layers, layer);
            if (recurrent != null && masks(feeding) && !rnnConfig.path("return_sequences").asBoolean(false)) {
                throw new KerasImportException("Keras layer \"" + name + "\" (" + recurrent + ", return_sequences="
                        + "False) reads a masked sequence (" + feeding.path("class_name").asText() + "): DL4J "
                        + "1.0.0-M2.1 cannot import this (a ClassCastException in KerasLSTM.setWeights: its "
                        + "MaskZeroLayer wraps the LastTimeStep layer) and could not run it on Keras' NWC data. Use "
                        + "return_sequences=True and take the last step, or give DL4J the mask as a feature mask");
            }
            if (cfg.isArray() || cfg.has("layers")) {
                check(layer);
            }
            previous = layer;
        }
    }

    /** Whether two layer configurations are the same apart from their names and {@code go_backwards}. */
    private static boolean sameLayer(JsonNode a, JsonNode b) {
        if (!(a.path("config") instanceof ObjectNode ca) || !(b.path("config") instanceof ObjectNode cb)) {
            return false;
        }
        ObjectNode ac = ca.deepCopy();
        ObjectNode bc = cb.deepCopy();
        ac.remove(List.of("name", "go_backwards"));
        bc.remove(List.of("name", "go_backwards"));
        return a.path("class_name").equals(b.path("class_name")) && ac.equals(bc);
    }

    private static boolean masks(JsonNode layer) {
        if (layer == null) {
            return false;
        }
        String cls = layer.path("class_name").asText();
        return "Masking".equals(cls) || ("Embedding".equals(cls)
                && layer.path("config").path("mask_zero").asBoolean(false));
    }

    /** The layer feeding a functional model's layer (its first inbound node), or null. */
    private static JsonNode inbound(JsonNode layers, JsonNode layer) {
        JsonNode first = layer.path("inbound_nodes").path(0).path(0);
        String from = first.isArray() ? first.path(0).asText() : "";
        for (JsonNode l : layers) {
            if (from.equals(l.path("name").asText()) || from.equals(l.path("config").path("name").asText())) {
                return l;
            }
        }
        return null;
    }
}
