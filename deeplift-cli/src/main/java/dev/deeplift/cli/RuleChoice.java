package dev.deeplift.cli;

import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values of {@code --rule}: a rule for every nonlinearity, or the paper's genomics setting. */
enum RuleChoice {
    /** {@link Rule#RESCALE} everywhere. */
    RESCALE("rescale", RulePolicy.uniform(Rule.RESCALE)),
    /** {@link Rule#REVEAL_CANCEL} everywhere. */
    REVEAL_CANCEL("reveal-cancel", RulePolicy.uniform(Rule.REVEAL_CANCEL)),
    /** Plain gradients, for comparison (scores are not expected to sum to delta). */
    GRADIENT("gradient", RulePolicy.uniform(Rule.GRADIENT)),
    /** {@link RulePolicy#genomicsDefault()}: RevealCancel after dense layers, Rescale after convolutions. */
    GENOMICS("genomics", RulePolicy.genomicsDefault());

    private final String text;
    private final RulePolicy policy;

    RuleChoice(String text, RulePolicy policy) {
        this.text = text;
        this.policy = policy;
    }

    /** The rule policy to explain with. */
    RulePolicy policy() {
        return policy;
    }

    /** The values {@code --rule} accepts, e.g. for messages. */
    static String accepted() {
        return Arrays.stream(values()).map(r -> r.text).collect(Collectors.joining("|"));
    }

    /** Parses {@code --rule}'s value; case and {@code _} for {@code -} do not matter. */
    static RuleChoice parse(String value) {
        String v = value.toLowerCase(Locale.ROOT).replace('_', '-');
        for (RuleChoice r : values()) {
            if (r.text.equals(v)) {
                return r;
            }
        }
        throw CliException.usage("--rule must be one of " + accepted() + "; got '" + value + "'");
    }

    @Override
    public String toString() {
        return text;
    }
}
