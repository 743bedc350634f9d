package dev.deeplift.keras;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.deeplearning4j.nn.conf.dropout.Dropout;
import org.deeplearning4j.nn.conf.dropout.IDropout;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.nd4j.linalg.activations.impl.ActivationIdentity;

/**
 * Makes an imported Keras {@code Dropout} layer a faithful DL4J {@link DropoutLayer}. Neither change alters what
 * the network computes at inference, where a DropoutLayer is the identity.
 *
 * <ul>
 *   <li><b>Rate.</b> DL4J reads the drop rate from the Keras 1 field {@code dropout}; Keras 2 writes {@code rate},
 *       so the rate is lost and the layer is imported as {@code Dropout(p = 1.0)}: no dropout when training. It is
 *       set to {@code Dropout(1 − rate)} (DL4J's {@code p} is the probability of <em>keeping</em> a unit).</li>
 *   <li><b>Activation.</b> The imported layer carries DL4J's default activation, sigmoid, which the DropoutLayer
 *       never applies; it is set to the identity so that code reading layer activations sees what is computed.</li>
 * </ul>
 */
final class DropoutCorrection implements ImportCorrection {

    @Override
    public Optional<String> apply(KerasLayerSpec keras, Layer dl4j) {
        if (!"Dropout".equals(keras.className()) || !(dl4j instanceof DropoutLayer layer)) {
            return Optional.empty();
        }
        List<String> changes = new ArrayList<>();
        OptionalDouble rate = keras.number("rate");
        if (rate.isPresent() && rate.getAsDouble() > 0 && rate.getAsDouble() < 1) {
            double keep = 1.0 - rate.getAsDouble();
            IDropout imported = layer.getIDropout();
            if (!(imported instanceof Dropout d) || d.getPSchedule() != null || d.getP() != keep) {
                layer.setIDropout(new Dropout(keep));
                changes.add("Keras rate " + rate.getAsDouble() + " was imported as " + imported
                        + "; set to Dropout(p = " + keep + ")");
            }
        }
        if (!(layer.getActivationFn() instanceof ActivationIdentity)) {
            changes.add("activation " + layer.getActivationFn() + " (never applied) set to identity");
            layer.setActivationFn(new ActivationIdentity());
        }
        return changes.isEmpty() ? Optional.empty()
                : Optional.of("Dropout '" + keras.name() + "': " + String.join("; ", changes));
    }

    @Override
    public boolean changesInference() {
        return false;
    }
}
