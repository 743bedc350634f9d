package dev.deeplift.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.junit.jupiter.api.Test;

/** Reading layer declarations from the three JSON layouts Keras 2 writes, and the Keras pooling classes. */
class KerasLayerSpecTest {

    @Test
    void readsSequentialWithAListConfig() {
        Map<String, KerasLayerSpec> layers = KerasLayerSpec.parseAll("{\"class_name\": \"Sequential\", \"config\": ["
                + "{\"class_name\": \"AveragePooling1D\", \"config\": {\"name\": \"p\", \"pool_size\": [3]}},"
                + "{\"class_name\": \"Dropout\", \"config\": {\"name\": \"d\", \"rate\": 0.25}}]}");
        assertEquals(List.of("p", "d"), List.copyOf(layers.keySet()));
        assertEquals("AveragePooling1D", layers.get("p").className());
        assertEquals(0.25, layers.get("d").number("rate").getAsDouble(), 0.0);
        assertTrue(layers.get("p").number("rate").isEmpty());
    }

    @Test
    void readsSequentialWithALayersListAndFunctionalModelsWithNestedOnes() {
        Map<String, KerasLayerSpec> seq = KerasLayerSpec.parseAll("{\"class_name\": \"Sequential\", \"config\": "
                + "{\"name\": \"s\", \"layers\": [{\"class_name\": \"MaxPooling1D\","
                + " \"config\": {\"name\": \"m\"}}]}}");
        assertEquals("MaxPooling1D", seq.get("m").className());
        Map<String, KerasLayerSpec> functional = KerasLayerSpec.parseAll("{\"class_name\": \"Model\", \"config\": "
                + "{\"layers\": [{\"name\": \"in\", \"class_name\": \"InputLayer\", \"config\": {\"name\": \"in\"}},"
                + "{\"name\": \"inner\", \"class_name\": \"Sequential\", \"config\": [{\"class_name\": \"Dense\","
                + " \"config\": {\"name\": \"dense\"}}]}]}}");
        assertEquals(List.of("in", "inner", "dense"), List.copyOf(functional.keySet()));
        assertEquals("Dense", functional.get("dense").className());
    }

    @Test
    void poolingTypesFollowTheKerasClass() {
        assertEquals(PoolingType.AVG, PoolingTypeCorrection.kerasPoolingType("AveragePooling1D"));
        assertEquals(PoolingType.AVG, PoolingTypeCorrection.kerasPoolingType("GlobalAveragePooling2D"));
        assertEquals(PoolingType.MAX, PoolingTypeCorrection.kerasPoolingType("MaxPooling1D"));
        assertEquals(PoolingType.MAX, PoolingTypeCorrection.kerasPoolingType("GlobalMaxPooling1D"));
        assertNull(PoolingTypeCorrection.kerasPoolingType("Conv1D"));
    }
}
