package dev.deeplift.keras;

import java.util.Optional;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/**
 * Removes the {@code Dropout(p = 1.0)} that DL4J's Keras import attaches to every layer that has no dropout of its
 * own (convolutions, dense and pooling layers here). Keeping every unit with probability 1 and scale 1 is the
 * identity, so removing it is exact; it spares a dropout mask per layer when training and leaves no dropout object
 * for a backward pass to trip on.
 */
final class NoOpDropoutRemoval implements ImportCorrection {

    @Override
    public Optional<String> apply(KerasLayerSpec keras, Layer dl4j) {
        if (dl4j instanceof DropoutLayer) {
            return Optional.empty(); // its dropout is the layer's purpose: see DropoutCorrection
        }
        if (dl4j.getIDropout() instanceof Dropout d && d.getPSchedule() == null && d.getP() == 1.0) {
            dl4j.setIDropout(null);
            return Optional.of("'" + keras.name() + "': no-op Dropout(p = 1.0) removed");
        }
        return Optional.empty();
    }

    @Override
    public boolean changesInference() {
        return false;
    }
}
