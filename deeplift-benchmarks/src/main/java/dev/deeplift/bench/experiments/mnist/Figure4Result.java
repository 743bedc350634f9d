package dev.deeplift.bench.experiments.mnist;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The experiment's outcome: per method and target class, the log-odds increase of every image, plus the scores of
 * one example to draw.
 *
 * @param originalClass    the class the images belong to (8 in the paper)
 * @param targets          the target classes, in order (3 and 6 in the paper)
 * @param methods          the methods' names, in order
 * @param outcomes         one per method and target, methods outer, targets inner
 * @param exampleImage     the drawn example, {@code [1, 1, 28, 28]}
 * @param exampleDifferences per method name, {@code S_orig − S_firstTarget} of the drawn example, its shape
 */
public record Figure4Result(int originalClass, List<Integer> targets, List<String> methods,
                            List<MethodOutcome> outcomes, INDArray exampleImage,
                            Map<String, INDArray> exampleDifferences) {
    /** Everything is given. */
    public Figure4Result {
        Objects.requireNonNull(targets, "targets");
        Objects.requireNonNull(methods, "methods");
        Objects.requireNonNull(outcomes, "outcomes");
        targets = List.copyOf(targets);
        methods = List.copyOf(methods);
        outcomes = List.copyOf(outcomes);
    }

    /** The outcome of one method for one target. */
    public MethodOutcome outcome(String method, int target) {
        return outcomes.stream().filter(o -> o.method().equals(method) && o.target() == target).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No outcome for " + method + " and target " + target));
    }

    /** Number of images each outcome covers. */
    public int images() {
        return outcomes.isEmpty() ? 0 : outcomes.get(0).logOddsIncrease().length;
    }
}
