package dev.deeplift.core;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Chooses the {@link Rule} of each nonlinearity: by the name of the layer it belongs to if one is set, else by the
 * kind of layer that feeds it, else the default rule.
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
 * RulePolicy r = RulePolicy.genomicsDefault().with("dense2", Rule.RESCALE);   // one layer by its name
 * }</pre>
 *
 * <p>A layer name is the name DL4J knows the layer or vertex by (an unnamed layer of a MultiLayerNetwork is
 * {@code "layer0"}, {@code "layer1"}, ...); the rule applies to that layer's activation. An explainer refuses a
 * policy naming a layer its network does not have.
 */
public final class RulePolicy {
    private final Rule defaultRule;
    private final Map<LayerKind, Rule> byKind;
    private final Map<String, Rule> byName;

    private RulePolicy(Rule defaultRule, Map<LayerKind, Rule> byKind, Map<String, Rule> byName) {
        this.defaultRule = Objects.requireNonNull(defaultRule, "defaultRule");
        this.byKind = byKind;
        this.byName = byName;
    }

    /** One rule for every nonlinearity. */
    public static RulePolicy uniform(Rule rule) {
        return new RulePolicy(rule, new EnumMap<>(LayerKind.class), new TreeMap<>());
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
        return new RulePolicy(defaultRule, copy, byName);
    }

    /**
     * A copy in which the nonlinearity of the named layer uses {@code rule}, whatever feeds it (a name map, like
     * Zennit's name-map composites and the original DeepLIFT's per-layer overrides).
     *
     * @param layer the layer's name as DL4J knows it
     */
    public RulePolicy with(String layer, Rule rule) {
        Objects.requireNonNull(layer, "layer");
        Objects.requireNonNull(rule, "rule");
        TreeMap<String, Rule> copy = new TreeMap<>(byName);
        copy.put(layer, rule);
        return new RulePolicy(defaultRule, byKind, copy);
    }

    /** The rule for a nonlinearity fed by a layer of the given kind. */
    public Rule ruleFor(LayerKind feedingKind) {
        return byKind.getOrDefault(feedingKind, defaultRule);
    }

    /** The rule for the nonlinearity of a named layer (null if unnamed) fed by a layer of the given kind. */
    public Rule ruleFor(String layer, LayerKind feedingKind) {
        Rule named = layer == null ? null : byName.get(layer);
        return named != null ? named : ruleFor(feedingKind);
    }

    /** The layer names this policy sets a rule for. */
    public Set<String> namedLayers() {
        return Collections.unmodifiableSet(byName.keySet());
    }

    /** The rule used where no kind-specific rule is set. */
    public Rule defaultRule() {
        return defaultRule;
    }

    /** True if every nonlinearity gets plain gradients (then max-pooling routes gradients too). */
    public boolean isPureGradient() {
        return defaultRule == Rule.GRADIENT && byKind.values().stream().allMatch(r -> r == Rule.GRADIENT)
                && byName.values().stream().allMatch(r -> r == Rule.GRADIENT);
    }

    /** True if some nonlinearity may use RevealCancel, so the positive/negative split must be computed. */
    public boolean usesRevealCancel() {
        return defaultRule == Rule.REVEAL_CANCEL || byKind.containsValue(Rule.REVEAL_CANCEL)
                || byName.containsValue(Rule.REVEAL_CANCEL);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RulePolicy p && p.defaultRule == defaultRule && p.byKind.equals(byKind)
                && p.byName.equals(byName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(defaultRule, byKind, byName);
    }

    @Override
    public String toString() {
        if (byKind.isEmpty() && byName.isEmpty()) {
            return defaultRule.toString();
        }
        return "RulePolicy{default=" + defaultRule + (byKind.isEmpty() ? "" : ", " + byKind)
                + (byName.isEmpty() ? "" : ", layers " + byName) + "}";
    }
}
