package dev.deeplift.core;

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
}
