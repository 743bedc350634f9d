package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.core.Explainer;
import java.util.Objects;

/**
 * An attribution method under the name it has in tables and figures.
 *
 * @param name      short, e.g. "IG-5"
 * @param explainer scores per feature for a target per example, relative to a reference
 */
public record AttributionMethod(String name, Explainer explainer) {
    /** Both are given. */
    public AttributionMethod {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(explainer, "explainer");
    }
}
