package dev.deeplift.bench.experiments.sequence;

import java.util.List;
import java.util.Objects;

/**
 * Every method's outcome on one trained model.
 *
 * @param model          the trained model
 * @param sequences      the number of sequences scored: positives of the test set the model classifies right
 * @param methods        one per method, in the methods' order
 * @param exampleSequence the bases of the first scored sequence
 * @param examplePlanted  its planted positions, motif A then motif B
 */
public record ModelRecovery(TrainedSequenceModel model, int sequences, List<MethodRecovery> methods,
                            String exampleSequence, int[] examplePlanted) {
    /** Checks nothing is missing and copies the lists. */
    public ModelRecovery {
        Objects.requireNonNull(model, "model");
        methods = List.copyOf(methods);
        examplePlanted = examplePlanted.clone();
    }

    /** The planted positions of the example (a copy). */
    @Override
    public int[] examplePlanted() {
        return examplePlanted.clone();
    }

    /** The outcome of the method with this key. */
    public MethodRecovery method(String key) {
        return methods.stream().filter(m -> m.method().equals(key)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No method " + key));
    }
}
