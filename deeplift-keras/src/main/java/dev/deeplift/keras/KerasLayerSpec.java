package dev.deeplift.keras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalDouble;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * One layer as the Keras model JSON declares it: its name, its Keras class and its own configuration. The
 * corrections compare these with what DL4J made of the layer, so they read the JSON themselves rather than trust
 * the importer's reading of it.
 *
 * @param name      the layer's name (DL4J names the imported layer the same)
 * @param className the Keras class, e.g. {@code AveragePooling1D}
 * @param config    the layer's {@code config} object
 */
record KerasLayerSpec(String name, String className, JsonNode config) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A numeric field of the layer's configuration, if present. */
    OptionalDouble number(String field) {
        JsonNode v = config.get(field);
        return v != null && v.isNumber() ? OptionalDouble.of(v.asDouble()) : OptionalDouble.empty();
    }

    /**
     * Every layer declared in a Keras model JSON, by name, in declaration order. Reads the three layouts Keras 2
     * writes: Sequential with a list {@code config} (up to 2.1), Sequential with {@code config.layers} (2.2 on)
     * and Model/Functional with {@code config.layers}; layers of nested models are included.
     */
    static Map<String, KerasLayerSpec> parseAll(String modelJson) {
        JsonNode root;
        try {
            root = JSON.readTree(modelJson);
        } catch (IOException e) {
            throw new UncheckedIOException("The Keras model JSON cannot be parsed", e);
        }
        Map<String, KerasLayerSpec> layers = new LinkedHashMap<>();
        collect(root, layers);
        return layers;
    }

    private static void collect(JsonNode model, Map<String, KerasLayerSpec> into) {
        JsonNode config = model.path("config");
        JsonNode list = config.isArray() ? config : config.path("layers");
        for (JsonNode layer : list) {
            JsonNode layerConfig = layer.path("config");
            String name = layer.hasNonNull("name") ? layer.get("name").asText() : layerConfig.path("name").asText();
            String className = layer.path("class_name").asText();
            into.put(name, new KerasLayerSpec(name, className, layerConfig));
            if (layerConfig.isArray() || layerConfig.has("layers")) {
                collect(layer, into); // a nested Sequential or Model
            }
        }
    }
}
