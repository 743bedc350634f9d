package dev.deeplift.core.engine;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.rules.GuidedBackpropRule;
import dev.deeplift.core.rules.NonlinearRule;
import dev.deeplift.core.rules.NonlinearRules;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The {@link NodeContext} of every node of a graph for one policy: each nonlinearity's rule, and which nodes must
 * compute an explicit positive/negative split (only those feeding a RevealCancel nonlinearity, directly or through
 * split-carrying nodes, so Rescale keeps its single cheap path).
 */
public final class RulePlan {
    private final NodeContext[] contexts;

    private RulePlan(NodeContext[] contexts) {
        this.contexts = contexts;
    }

    /**
     * @param graph       the graph
     * @param policy      rules per feeding layer kind
     * @param maxPoolMode how max-pooling credits inputs
     * @param epsilon     threshold below which ratios fall back to derivatives
     */
    public static RulePlan create(NodeGraph graph, RulePolicy policy, MaxPoolMode maxPoolMode, double epsilon) {
        return create(graph, policy, maxPoolMode, epsilon, null);
    }

    /**
     * Plain gradients with another strategy at every nonlinearity, e.g. {@link GuidedBackpropRule}; max-pooling
     * routes gradients.
     */
    public static RulePlan gradientVariant(NodeGraph graph, NonlinearRule variant, double epsilon) {
        return create(graph, RulePolicy.uniform(Rule.GRADIENT), MaxPoolMode.GRADIENT, epsilon, variant);
    }

    private static RulePlan create(NodeGraph graph, RulePolicy policy, MaxPoolMode maxPoolMode, double epsilon,
                                   NonlinearRule variant) {
        checkNamedLayers(graph, policy);
        int n = graph.size();
        boolean pureGradient = policy.isPureGradient();
        Rule[] rules = new Rule[n];
        for (int i = 0; i < n; i++) {
            RuleNode node = graph.entry(i).node();
            LayerKind internal = node.internalNonlinearityKind();
            rules[i] = node.kind() == LayerKind.NONLINEARITY ? policy.ruleFor(graph.entry(i).layer(),
                    feedingKind(graph, i)) : internal != null ? policy.ruleFor(graph.entry(i).layer(), internal)
                    : policy.defaultRule();
        }
        boolean[] needsSplit = new boolean[n];
        for (int i = n - 1; i >= 0; i--) {
            for (int c : graph.consumers(i)) {
                RuleNode consumer = graph.entry(c).node();
                boolean revealCancel = consumer.kind() == LayerKind.NONLINEARITY && rules[c] == Rule.REVEAL_CANCEL;
                if (!pureGradient && (revealCancel || (consumer.carriesSplit() && needsSplit[c]))) {
                    needsSplit[i] = true;
                }
            }
        }
        NodeContext[] contexts = new NodeContext[n];
        for (int i = 0; i < n; i++) {
            NonlinearRule strategy = variant != null ? variant
                    : NonlinearRules.of(pureGradient ? Rule.GRADIENT : rules[i]);
            contexts[i] = new NodeContext(rules[i], strategy, maxPoolMode, pureGradient, needsSplit[i], epsilon);
        }
        return new RulePlan(contexts);
    }

    /**
     * The default relative threshold for a data type: a ratio {@code Δy/Δz} with {@code |Δz| ≤ ε·(|z| + |z_ref|)}
     * would be mostly rounding noise, and falls back to a derivative.
     */
    public static double defaultEpsilon(DataType dataType) {
        return switch (dataType) {
            case DOUBLE -> 1e-10;
            case FLOAT -> 1e-5;
            default -> 1e-2;
        };
    }

    /** Refuses a policy that names a layer the graph lacks, or one without a nonlinearity to apply the rule to. */
    private static void checkNamedLayers(NodeGraph graph, RulePolicy policy) {
        java.util.Set<String> withNonlinearity = new java.util.LinkedHashSet<>();
        for (NodeGraph.Entry e : graph.entries()) {
            if (e.layer() != null && (e.node().kind() == LayerKind.NONLINEARITY
                    || e.node().internalNonlinearityKind() != null)) {
                withNonlinearity.add(e.layer());
            }
        }
        for (String layer : policy.namedLayers()) {
            if (!withNonlinearity.contains(layer)) {
                throw new IllegalArgumentException("The rule policy names layer \"" + layer + "\", "
                        + (graph.layers().contains(layer) ? "which has no nonlinearity of its own (its activation is "
                        + "the identity, or it is the output layer, scored before its activation)"
                        : "which the network does not have") + "; layers with a nonlinearity: " + withNonlinearity);
            }
        }
    }

    /** The context of node {@code index}. */
    public NodeContext context(int index) {
        return contexts[index];
    }

    /**
     * The kind of the first node above {@code index} that does not merely carry a sign split. Mask inputs do not
     * count: a node reading activations and their mask is fed by the activations.
     */
    private static LayerKind feedingKind(NodeGraph graph, int index) {
        int[] in = features(graph, graph.entry(index).inputs());
        while (in.length == 1) {
            RuleNode node = graph.entry(in[0]).node();
            if (!node.carriesSplit()) {
                return node.kind();
            }
            in = features(graph, graph.entry(in[0]).inputs());
        }
        return in.length == 0 ? LayerKind.INPUT : LayerKind.MERGE;
    }

    private static int[] features(NodeGraph graph, int[] inputs) {
        return java.util.Arrays.stream(inputs).filter(i -> !(graph.entry(i).node() instanceof InputNode m
                && m.isMask())).toArray();
    }
}
