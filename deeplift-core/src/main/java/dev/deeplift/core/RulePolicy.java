package dev.deeplift.core;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * Chooses the {@link Rule} of each nonlinearity from the kind of layer that feeds it.
 *
 * <p>The feeding kind is found by walking up from the nonlinearity through layers that carry a sign split
 * (batch-normalization, pooling, reshapes): in {@code conv → BN → ReLU} the ReLU is fed by a
 * {@link LayerKind#CONVOLUTION}. A nonlinearity directly on a graph input, or on another nonlinearity, is fed by
 * {@link LayerKind#INPUT} or {@link LayerKind#NONLINEARITY}; there the split of {@code Δz} is by its own sign, so
 * RevealCancel gives exactly what Rescale gives.
 *
 * <pre>{@code
 * RulePolicy p = RulePolicy.genomicsDefault();           // RevealCancel after dense, Rescale after conv
 * RulePolicy q = RulePolicy.uniform(Rule.RESCALE).with(LayerKind.DENSE, Rule.REVEAL_CANCEL);
 * }</pre>
 */
public final class RulePolicy {
    private final Rule defaultRule;
    private final Map<LayerKind, Rule> byKind;

    private RulePolicy(Rule defaultRule, Map<LayerKind, Rule> byKind) {
        this.defaultRule = Objects.requireNonNull(defaultRule, "defaultRule");
        this.byKind = byKind;
    }

    /** One rule for every nonlinearity. */
    public static RulePolicy uniform(Rule rule) {
        return new RulePolicy(rule, new EnumMap<>(LayerKind.class));
    }

    /** The paper's best genomics setting, "DeepLIFT-fc-RC-conv-RS": RevealCancel after dense layers, else Rescale. */
    public static RulePolicy genomicsDefault() {
        return uniform(Rule.RESCALE).with(LayerKind.DENSE, Rule.REVEAL_CANCEL);
    }

    /** A copy in which nonlinearities fed by {@code kind} use {@code rule}. */
    public RulePolicy with(LayerKind kind, Rule rule) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(rule, "rule");
        EnumMap<LayerKind, Rule> copy = new EnumMap<>(LayerKind.class);
        copy.putAll(byKind);
        copy.put(kind, rule);
        return new RulePolicy(defaultRule, copy);
    }

    /** The rule for a nonlinearity fed by a layer of the given kind. */
    public Rule ruleFor(LayerKind feedingKind) {
        return byKind.getOrDefault(feedingKind, defaultRule);
    }

    /** The rule used where no kind-specific rule is set. */
    public Rule defaultRule() {
        return defaultRule;
    }

    /** True if every nonlinearity gets plain gradients (then max-pooling routes gradients too). */
    public boolean isPureGradient() {
        return defaultRule == Rule.GRADIENT && byKind.values().stream().allMatch(r -> r == Rule.GRADIENT);
    }

    /** True if some nonlinearity may use RevealCancel, so the positive/negative split must be computed. */
    public boolean usesRevealCancel() {
        return defaultRule == Rule.REVEAL_CANCEL || byKind.containsValue(Rule.REVEAL_CANCEL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RulePolicy p && p.defaultRule == defaultRule && p.byKind.equals(byKind);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultRule, byKind);
    }

    @Override
    public String toString() {
        return byKind.isEmpty() ? defaultRule.toString() : "RulePolicy{default=" + defaultRule + ", " + byKind + "}";
    }
}
