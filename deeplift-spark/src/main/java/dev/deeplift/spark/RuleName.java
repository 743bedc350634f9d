package dev.deeplift.spark;

import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import java.util.Arrays;
import java.util.Locale;

/** The values of the transformer's {@code rule} param, the command line's names for the library's rule policies. */
enum RuleName {
    /** {@link Rule#RESCALE} at every nonlinearity (the default). */
    RESCALE("rescale", RulePolicy.uniform(Rule.RESCALE)),
    /** {@link Rule#REVEAL_CANCEL} at every nonlinearity. */
    REVEAL_CANCEL("reveal-cancel", RulePolicy.uniform(Rule.REVEAL_CANCEL)),
    /** {@link RulePolicy#genomicsDefault()}: RevealCancel after dense layers, Rescale after convolutions. */
    GENOMICS("genomics", RulePolicy.genomicsDefault()),
    /** Plain gradients times the input difference, for comparison (scores are not expected to sum to delta). */
    GRADIENT("gradient", RulePolicy.uniform(Rule.GRADIENT));

    private final String text;
    private final RulePolicy policy;

    RuleName(String text, RulePolicy policy) {
        this.text = text;
        this.policy = policy;
    }

    /** The names accepted, in order. */
    static String[] names() {
        return Arrays.stream(values()).map(r -> r.text).toArray(String[]::new);
    }

    /** The rule of a name; case and {@code _} for {@code -} do not matter. */
    static RuleName parse(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT).replace('_', '-');
        for (RuleName r : values()) {
            if (r.text.equals(n)) {
                return r;
            }
        }
        throw new IllegalArgumentException("DeepLiftTransformer: rule must be one of "
                + String.join(", ", names()) + "; got '" + name + "'");
    }

    /** The library's rule policy. */
    RulePolicy policy() {
        return policy;
    }

    @Override
    public String toString() {
        return text;
    }
}
