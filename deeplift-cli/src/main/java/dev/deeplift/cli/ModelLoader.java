package dev.deeplift.cli;

import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.dl4j.NotASavedModelException;
import dev.deeplift.dl4j.SavedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Reads a network saved by DL4J's {@link ModelSerializer} ({@link SavedModels} tells a MultiLayerNetwork from a
 * ComputationGraph) and builds its explainer. An unsupported layer fails here, with the library's
 * {@link dev.deeplift.core.UnsupportedLayerException} naming it.
 */
final class ModelLoader {
    private ModelLoader() {
    }

    static LoadedModel load(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw CliException.failure("model file not found: " + file);
        }
        Model model;
        try {
            model = SavedModels.read(file);
        } catch (NotASavedModelException e) {
            throw CliException.failure(file + " is not a DL4J model saved with ModelSerializer: " + e.getMessage());
        } catch (IOException e) {
            throw CliException.failure("cannot read model file " + file + ": " + e.getMessage(), e);
        }
        DeepLift explainer = SavedModels.explainer(model);
        return new LoadedModel(explainer, (x, mask) -> SavedModels.output(model, x, mask),
                explainer.model().description());
    }
}
