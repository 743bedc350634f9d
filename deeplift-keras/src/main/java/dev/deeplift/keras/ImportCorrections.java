package dev.deeplift.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The corrections applied to every imported Keras model, in order, and the loop that applies them. */
final class ImportCorrections {
    private static final Logger LOG = LoggerFactory.getLogger(ImportCorrections.class);

    private static final List<ImportCorrection> ALL = List.of(
            new PoolingTypeCorrection(), new DropoutCorrection(), new NoOpDropoutRemoval());

    private ImportCorrections() {
    }

    /**
     * Corrects the DL4J layer configurations of an imported model in place, before the network is built.
     *
     * @param imported the layers DL4J's import made, in order
     * @param declared the layers the Keras JSON declares, by name
     * @return a description of every change made
     * @throws KerasImportException if the model cannot be corrected ({@link MaskZeroEmbeddingCheck})
     */
    static List<String> apply(List<KerasLayer> imported, Map<String, KerasLayerSpec> declared) {
        MaskZeroEmbeddingCheck.check(imported, declared);
        List<String> changes = new ArrayList<>();
        for (KerasLayer layer : imported) {
            KerasLayerSpec spec = declared.get(layer.getLayerName());
            if (!layer.isLayer() || layer.getLayer() == null || spec == null) {
                continue; // inputs, preprocessors and vertices carry no layer configuration to correct
            }
            for (ImportCorrection correction : ALL) {
                Optional<String> change = correction.apply(spec, layer.getLayer());
                if (change.isPresent()) {
                    changes.add(change.get());
                    if (correction.changesInference()) {
                        LOG.info("Keras import correction: {}", change.get());
                    } else {
                        LOG.debug("Keras import correction: {}", change.get());
                    }
                }
            }
        }
        return changes;
    }
}
