package dev.deeplift.core.rules;

import dev.deeplift.core.Rule;

/** The strategy behind each {@link Rule}. */
public final class NonlinearRules {
    private NonlinearRules() {
    }

    /** The stateless strategy for a rule. */
    public static NonlinearRule of(Rule rule) {
        return switch (rule) {
            case RESCALE -> RescaleRule.INSTANCE;
            case REVEAL_CANCEL -> RevealCancelRule.INSTANCE;
            case GRADIENT -> GradientRule.INSTANCE;
        };
    }
}
