package dev.deeplift.bench.talgata;

import dev.deeplift.keras.KerasModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The DeepLIFT authors' trained TAL-GATA model (Keras 2.1.6 Sequential), imported with {@link KerasModels}, which
 * corrects DL4J's import of its AveragePooling1D. Input {@code [N, 200, 4]} one-hot (see {@link TalGataData}),
 * output {@code [N, 3]} sigmoid probabilities of tasks 0, 1, 2; the last layer is an ActivationLayer(sigmoid).
 */
public final class TalGataModel {
    static final String MODEL_JSON = "keras2_conv1d_record_5_model_PQzyq_modelJson.json";
    static final String WEIGHTS_H5 = "keras2_conv1d_record_5_model_PQzyq_modelWeights.h5";

    private TalGataModel() {
    }

    /** Imports the model from the resources (a fresh network each call). */
    public static MultiLayerNetwork load() {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("talgata-model");
            Path json = TalGataResources.copyTo(MODEL_JSON, dir);
            Path weights = TalGataResources.copyTo(WEIGHTS_H5, dir);
            return KerasModels.importSequential(json, weights);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot stage the TAL-GATA model in a temporary folder", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            dir.toFile().deleteOnExit(); // best effort: a leftover temp folder is harmless
        }
    }
}
