package dev.deeplift.bench.talgata;

import java.util.Objects;

/**
 * One attribution method of the Figure 5 comparison.
 *
 * @param key    a short identifier, used in file names and the JSON report (e.g. {@code rescale})
 * @param label  the name shown in tables and plots, as the paper names the method
 * @param scorer computes its scores
 */
public record Figure5Method(String key, String label, Figure5Scorer scorer) {
    /** Checks that nothing is missing and that the key is safe in a file name. */
    public Figure5Method {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(scorer, "scorer");
        if (!key.matches("[a-z0-9_]+")) {
            throw new IllegalArgumentException("A method key is lower-case letters, digits and '_', got " + key);
        }
    }
}
