package dev.deeplift.keras;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.modelimport.keras.KerasModel;
import org.deeplearning4j.nn.modelimport.keras.KerasSequentialModel;
import org.deeplearning4j.nn.modelimport.keras.config.KerasModelConfiguration;
import org.deeplearning4j.nn.modelimport.keras.exceptions.InvalidKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.exceptions.UnsupportedKerasConfigurationException;
import org.deeplearning4j.nn.modelimport.keras.utils.KerasModelBuilder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Imports a Keras model, saved as a JSON configuration ({@code model.to_json()}) and HDF5 weights
 * ({@code model.save_weights()}), with DL4J's {@code KerasModelImport} machinery, and corrects the faults of DL4J
 * 1.0.0-M2.1's import before the network is built and the weights are copied into it.
 *
 * <pre>{@code
 * MultiLayerNetwork net = KerasModels.importSequential(Path.of("model.json"), Path.of("weights.h5"));
 * INDArray p = net.output(x);   // x: [N, length, channels], channels last as in Keras
 * }</pre>
 *
 * <h2>Faults of DL4J's import, and what is done about them</h2>
 * Found on the DeepLIFT paper's TAL-GATA model (Keras 2.1.6: Conv1D, ReLU, Conv1D, ReLU, AveragePooling1D(180),
 * Flatten, Dense, ReLU, Dropout(0.5), Dense(3), sigmoid) by reading the imported configuration and DL4J's
 * bytecode, and checked against the Keras model's own outputs.
 * <ol>
 *   <li><b>{@code AveragePooling1D} becomes MAX pooling</b> (changes the outputs). {@code KerasPooling1D} maps
 *       the class name to AVG correctly but builds the layer with {@code new Subsampling1DLayer.Builder(PoolingType)},
 *       which delegates to {@code Builder(PoolingType, int, int, int)}; that constructor never assigns the pooling
 *       type, so the builder's default, MAX, remains. Corrected: every pooling layer gets the type its Keras class
 *       names. Sigmoid outputs for the TAL-GATA sequence {@code gata_tal1_1902}: raw import (1.0000, 1.0000,
 *       1.0000); corrected (0.8628, 0.9453, 0.9994), the Keras model's values.</li>
 *   <li><b>The Keras 2 dropout rate is lost</b> (training only). DL4J reads the Keras 1 field {@code dropout},
 *       Keras 2 writes {@code rate}, so {@code Dropout(0.5)} is imported as {@code Dropout(p = 1.0)}. Corrected
 *       to {@code Dropout(p = 1 − rate)} (DL4J's {@code p} keeps units). A DropoutLayer is the identity at
 *       inference either way.</li>
 *   <li><b>The imported DropoutLayer carries a sigmoid activation</b> (a label only: DL4J's default activation,
 *       never applied by the layer). Set to the identity.</li>
 *   <li><b>Every other layer carries a no-op {@code Dropout(p = 1.0)}</b>. Removed (exact).</li>
 *   <li><b>{@code Embedding(mask_zero=True)} only zeroes the embedding of token 0</b> (changes the outputs).
 *       Keras keeps that row and masks the steps of token 0 in the layers downstream; DL4J's
 *       {@code KerasEmbedding.setWeights} zeroes row 0 of the matrix, and only a recurrent layer directly after it
 *       gets a {@code MaskZeroLayer}. Refused unless every layer reading the embedding is such a
 *       {@code MaskZeroLayer} ({@link MaskZeroEmbeddingCheck}): save the model with {@code mask_zero=False} and
 *       give the mask {@code tokens ≠ 0} as the feature mask instead.</li>
 * </ol>
 * Recurrent models: the faults in {@link KerasJsonCorrections} (the Orthogonal initializer's crash, ignored
 * {@code go_backwards}, masked recurrent layers returning their last step, a {@code Bidirectional}'s own
 * {@code backward_layer}) are corrected or refused before the import. Imported recurrent layers read Keras'
 * layout, NWC {@code [N, T, C]}; the time length must be fixed ({@code batch_input_shape} with a length) in the
 * JSON.
 *
 * <p>Checked and found right: the layer order; the data layout (Conv1D layers are NWC: the network takes
 * {@code [N, length, channels]}, channels last, as Keras does); Keras {@code padding="valid"} as
 * {@code ConvolutionMode.Truncate}; the Conv1D and Dense weights; {@code Flatten} as a
 * {@code KerasFlattenRnnPreprocessor}, a C-order reshape of {@code [N, T, C]}, which is Keras's channels-last
 * order {@code t·C + c}; the final {@code Activation("sigmoid")} as an {@code ActivationLayer(sigmoid)}, kept as
 * the last layer (no loss layer is added: training configuration is not enforced); {@code Embedding} as an
 * {@code EmbeddingSequenceLayer} with NWC output, no bias, identity activation and the Keras matrix as its weights
 * (checked against a hand lookup; it takes {@code [N, T]} token indices); {@code SimpleRNN}, {@code LSTM} and
 * {@code Bidirectional} around either (merge modes concat, sum, mul, ave; {@code return_sequences} true or false,
 * the latter as {@code LastTimeStep}, inside the wrapper for {@code Bidirectional}) against hand-written Keras
 * forwards. Imported networks are FLOAT.
 *
 * <p>Each correction that changes the network's outputs is logged at INFO, the others at DEBUG.
 */
public final class KerasModels {
    private static final Logger LOG = LoggerFactory.getLogger(KerasModels.class);

    private KerasModels() {
    }

    /**
     * Imports a Keras {@code Sequential} model.
     *
     * @param modelJson the model's JSON configuration
     * @param weightsH5 its weights, as written by {@code model.save_weights()}
     * @throws UncheckedIOException  if a file cannot be read
     * @throws KerasImportException if DL4J cannot import the model
     */
    public static MultiLayerNetwork importSequential(Path modelJson, Path weightsH5) {
        return importSequential(readJson(modelJson), weightsH5);
    }

    /**
     * Imports a Keras {@code Sequential} model from its JSON configuration text.
     *
     * @param modelJson the model's JSON configuration, as text
     * @param weightsH5 its weights, as written by {@code model.save_weights()}
     */
    public static MultiLayerNetwork importSequential(String modelJson, Path weightsH5) {
        Objects.requireNonNull(modelJson, "modelJson");
        Map<String, KerasLayerSpec> declared = KerasLayerSpec.parseAll(modelJson);
        try (KerasModelBuilder builder = builder(corrected(modelJson), weightsH5)) {
            KerasSequentialModel model = builder.buildSequential();
            ImportCorrections.apply(model.getLayersOrdered(), declared);
            return model.getMultiLayerNetwork();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Keras weights " + weightsH5, e);
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException e) {
            throw new KerasImportException("DL4J cannot import this Sequential model: " + e.getMessage(), e);
        }
    }

    /**
     * Imports a Keras functional model ({@code Model} / {@code Functional}; DL4J refuses a {@code Sequential} one
     * here: use {@link #importSequential(Path, Path)}).
     *
     * @param modelJson the model's JSON configuration
     * @param weightsH5 its weights, as written by {@code model.save_weights()}
     * @throws UncheckedIOException  if a file cannot be read
     * @throws KerasImportException if DL4J cannot import the model
     */
    public static ComputationGraph importFunctional(Path modelJson, Path weightsH5) {
        return importFunctional(readJson(modelJson), weightsH5);
    }

    /**
     * Imports a Keras functional model from its JSON configuration text.
     *
     * @param modelJson the model's JSON configuration, as text
     * @param weightsH5 its weights, as written by {@code model.save_weights()}
     */
    public static ComputationGraph importFunctional(String modelJson, Path weightsH5) {
        Objects.requireNonNull(modelJson, "modelJson");
        Map<String, KerasLayerSpec> declared = KerasLayerSpec.parseAll(modelJson);
        try (KerasModelBuilder builder = builder(corrected(modelJson), weightsH5)) {
            KerasModel model = builder.buildModel();
            ImportCorrections.apply(model.getLayersOrdered(), declared);
            return model.getComputationGraph();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Keras weights " + weightsH5, e);
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException e) {
            throw new KerasImportException("DL4J cannot import this functional model: " + e.getMessage(), e);
        }
    }

    /**
     * Imports a Keras {@code Sequential} model saved whole ({@code model.save("model.h5")}: configuration and weights
     * in one HDF5 file).
     *
     * @throws UncheckedIOException  if the file cannot be read
     * @throws KerasImportException if DL4J cannot import the model
     */
    public static MultiLayerNetwork importSequentialModel(Path modelH5) {
        Objects.requireNonNull(modelH5, "modelH5");
        String json = modelJsonOf(modelH5);
        Map<String, KerasLayerSpec> declared = KerasLayerSpec.parseAll(json);
        try (KerasModelBuilder builder = new KerasModelBuilder(new KerasModelConfiguration())
                .modelJson(corrected(json)).weightsHdf5Filename(modelH5.toString()).enforceTrainingConfig(false)) {
            KerasSequentialModel model = builder.buildSequential();
            ImportCorrections.apply(model.getLayersOrdered(), declared);
            return model.getMultiLayerNetwork();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Keras model " + modelH5, e);
        } catch (InvalidKerasConfigurationException | UnsupportedKerasConfigurationException e) {
            throw new KerasImportException("DL4J cannot import this Sequential model: " + e.getMessage(), e);
        }
    }

    /**
     * The model JSON of a whole-model HDF5 file, with its root attributes {@code keras_version} and
     * {@code backend} added: DL4J reads the version from the JSON, and without it takes the model for Keras 1
     * ("Keras layer is missing init field").
     */
    private static String modelJsonOf(Path modelH5) {
        if (!Files.isRegularFile(modelH5)) {
            throw new UncheckedIOException(new NoSuchFileException(modelH5.toString(), null, "Keras model not found"));
        }
        try (Hdf5Archive archive = new Hdf5Archive(modelH5.toString())) {
            String json = archive.readAttributeAsJson("model_config").trim();
            StringBuilder root = new StringBuilder("{");
            for (String attribute : new String[] {"keras_version", "backend"}) {
                if (archive.hasAttribute(attribute) && !json.contains("\"" + attribute + "\"")) {
                    root.append('"').append(attribute).append("\": \"")
                            .append(archive.readAttributeAsString(attribute).trim()).append("\", ");
                }
            }
            return root + json.substring(1);
        } catch (UnsupportedKerasConfigurationException e) {
            throw new KerasImportException("Cannot read the model configuration of " + modelH5 + ": "
                    + e.getMessage(), e);
        }
    }

    /** The JSON with the corrections of {@link KerasJsonCorrections} (each logged). */
    private static String corrected(String modelJson) {
        List<String> changes = new ArrayList<>();
        String json = KerasJsonCorrections.correct(modelJson, changes);
        changes.forEach(c -> LOG.debug("Keras import correction: {}", c));
        return json;
    }

    private static KerasModelBuilder builder(String modelJson, Path weightsH5) throws IOException {
        Objects.requireNonNull(weightsH5, "weightsH5");
        if (!Files.isRegularFile(weightsH5)) {
            // HDF5 would fail later with a native error message that does not name the file.
            throw new NoSuchFileException(weightsH5.toString(), null, "Keras weights file not found");
        }
        // Weights saved by save_weights() sit at the HDF5 root ("NoRoot"); training configuration (loss,
        // optimizer) is not required, so the imported network ends with the model's last layer as it is.
        return new KerasModelBuilder(new KerasModelConfiguration()).modelJson(modelJson)
                .weightsHdf5FilenameNoRoot(weightsH5.toString()).enforceTrainingConfig(false);
    }

    private static String readJson(Path modelJson) {
        Objects.requireNonNull(modelJson, "modelJson");
        try {
            return Files.readString(modelJson, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the Keras model JSON " + modelJson, e);
        }
    }
}
