package dev.deeplift.bench.experiments.sequence;

import java.util.Objects;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A trained recurrent classifier and how it was trained.
 *
 * @param model        its architecture
 * @param network      the trained network
 * @param testAccuracy share of the test sequences classified right (output above 0.5 for positives)
 * @param trainSeconds wall-clock seconds of training
 * @param epochs       passes over the training set
 */
public record TrainedSequenceModel(SequenceModel model, MultiLayerNetwork network, double testAccuracy,
                                   double trainSeconds, int epochs) {
    /** Checks nothing is missing. */
    public TrainedSequenceModel {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(network, "network");
    }
}
