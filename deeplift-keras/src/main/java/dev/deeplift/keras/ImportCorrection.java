package dev.deeplift.keras;

import java.util.Optional;
import org.deeplearning4j.nn.conf.layers.Layer;

/** One correction of what DL4J's Keras import made of a layer, applied to the layer's configuration in place. */
interface ImportCorrection {

    /**
     * Corrects the DL4J configuration of one imported layer, before the network is built and the Keras weights are
     * copied into it.
     *
     * @param keras the layer as the Keras JSON declares it
     * @param dl4j  the configuration DL4J's import made of it (changed in place)
     * @return a description of what was changed, or empty if nothing was
     */
    Optional<String> apply(KerasLayerSpec keras, Layer dl4j);

    /** True if the correction changes what the network computes at inference (logged at INFO, others at DEBUG). */
    boolean changesInference();
}
