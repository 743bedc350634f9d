package dev.deeplift.core;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Anything that attributes a target per example to the features of an input relative to a reference:
 * DeepLIFT over a DL4J network, and the methods built on it (DeepSHAP averages an explainer over references).
 */
public interface Explainer {

    /**
     * Contributions to a target per example.
     *
     * @param input     {@code [N, ...]}
     * @param reference the input's shape, or {@code [1, ...]} for one reference shared by every example
     * @param targets   one output unit per example
     */
    Attribution explain(INDArray input, INDArray reference, int[] targets);

    /**
     * Contributions of the same input against each of several references, handed to {@code sink} as they are
     * computed: for every example, its references in list order. An explainer that can share work between the
     * references (DeepLIFT forwards the input once for all of them) overrides this; the default explains reference
     * by reference.
     *
     * <pre>{@code
     * explainer.explainEach(x, List.of(ref0, ref1), targets,
     *         (k, first, rows) -> System.out.println("reference " + k + ": " + rows.maxSummationError()));
     * }</pre>
     *
     * @param references each the input's shape, or {@code [1, ...]} for one reference shared by every example
     */
    default void explainEach(INDArray input, List<INDArray> references, int[] targets, ReferenceSink sink) {
        for (int k = 0; k < references.size(); k++) {
            sink.accept(k, 0, explain(input, references.get(k), targets));
        }
    }
}
