package dev.deeplift.bench.experiments.mnist;

import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained MNIST network with what is known of its training.
 *
 * @param network      the network (softmax output)
 * @param testAccuracy share of the test split classified correctly, measured when this record was made
 * @param trainSeconds wall-clock seconds its training took, as recorded when it was trained; NaN if unknown
 * @param epochs       passes over the training split it was trained for; 0 if unknown
 * @param fromCache    whether it was read from the cache rather than trained now
 */
public record TrainedCnn(MultiLayerNetwork network, double testAccuracy, double trainSeconds, int epochs,
                         boolean fromCache) {
    /** The network is not null. */
    public TrainedCnn {
        Objects.requireNonNull(network, "network");
    }
}
