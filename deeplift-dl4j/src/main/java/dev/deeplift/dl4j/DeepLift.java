package dev.deeplift.dl4j;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.engine.AttributionResult;
import dev.deeplift.core.engine.ForwardPass;
import dev.deeplift.core.engine.Propagator;
import dev.deeplift.core.engine.RulePlan;
import dev.deeplift.core.engine.SummationCheck;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.rules.GuidedBackpropRule;
import dev.deeplift.core.rules.NonlinearRule;
import dev.deeplift.dl4j.network.ExplainedModel;
import dev.deeplift.dl4j.network.MultiLayerNetworkConverter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DeepLIFT for a DL4J network: the contribution of every input feature to one output unit, relative to a
 * reference input, from one forward pass over input and reference and one backward pass of multipliers.
 *
 * <pre>{@code
 * DeepLift explainer = DeepLift.of(net);                       // converts once; checks every layer
 * Attribution a = explainer.explain(x, reference, 3);          // target: logit 3, before softmax
 * INDArray scores = a.scores();                                // x's shape; each row sums to a.deltas()
 * }</pre>
 *
 * <p>Targets are units of the network's output, scored at their pre-activation (before the last layer's
 * softmax, sigmoid or other activation). The explainer is immutable: {@code withRule} and friends return new
 * explainers. It reads the network's parameters at each call and never changes the network (parameters, updater
 * state, cached inputs, training mode), and it keeps no state between calls, so one instance may be used from
 * many threads at once. Returned arrays are detached from every workspace.
 */
public final class DeepLift implements Explainer {
    private static final Logger LOG = LoggerFactory.getLogger(DeepLift.class);

    private final ExplainedModel model;
    private final RulePolicy policy;
    private final MaxPoolMode maxPoolMode;
    private final NonlinearRule gradientVariant;
    private final Propagator propagator;

    private DeepLift(ExplainedModel model, RulePolicy policy, MaxPoolMode maxPoolMode, NonlinearRule gradientVariant) {
        this.model = model;
        this.policy = policy;
        this.maxPoolMode = maxPoolMode;
        this.gradientVariant = gradientVariant;
        double epsilon = RulePlan.defaultEpsilon(model.dataType());
        RulePlan plan = gradientVariant == null ? RulePlan.create(model.graph(), policy, maxPoolMode, epsilon)
                : RulePlan.gradientVariant(model.graph(), gradientVariant, epsilon);
        this.propagator = new Propagator(model.graph(), plan);
    }

    /**
     * An explainer for a network, with the Rescale rule and cross-max pooling.
     *
     * @throws dev.deeplift.core.UnsupportedLayerException naming the first layer without an exact rule
     * @throws IllegalStateException                       if the network was never initialised
     */
    public static DeepLift of(MultiLayerNetwork network) {
        return new DeepLift(MultiLayerNetworkConverter.convert(network), RulePolicy.uniform(Rule.RESCALE),
                MaxPoolMode.CROSS_MAX, null);
    }

    /** An explainer for a computation graph. Not supported yet: always throws. */
    public static DeepLift of(ComputationGraph graph) {
        throw new UnsupportedOperationException("ComputationGraph is not supported yet; convert to a "
                + "MultiLayerNetwork if the graph is a chain");
    }

    /** The same explainer with one rule for every nonlinearity (default {@link Rule#RESCALE}). */
    public DeepLift withRule(Rule rule) {
        return withRules(RulePolicy.uniform(Objects.requireNonNull(rule, "rule")));
    }

    /** The same explainer with a rule per kind of layer feeding each nonlinearity, e.g. {@link RulePolicy#genomicsDefault()}. */
    public DeepLift withRules(RulePolicy rules) {
        return new DeepLift(model, Objects.requireNonNull(rules, "rules"), maxPoolMode, null);
    }

    /** The same explainer with another max-pooling rule (default {@link MaxPoolMode#CROSS_MAX}). */
    public DeepLift withMaxPoolMode(MaxPoolMode mode) {
        return new DeepLift(model, policy, Objects.requireNonNull(mode, "mode"), gradientVariant);
    }

    /**
     * The same network explained by guided backpropagation (negative multipliers stopped at every nonlinearity,
     * max-pooling routing gradients): scores are guided gradients × (x − x_ref). For comparison; these scores are
     * not expected to sum to delta. {@link #withRule} returns to DeepLIFT.
     */
    public DeepLift withGuidedBackprop() {
        return new DeepLift(model, RulePolicy.uniform(Rule.GRADIENT), MaxPoolMode.GRADIENT,
                GuidedBackpropRule.INSTANCE);
    }

    /** The rule policy. */
    public RulePolicy rules() {
        return policy;
    }

    /** The max-pooling rule. */
    public MaxPoolMode maxPoolMode() {
        return maxPoolMode;
    }

    /** The converted model (its node graph, data type, outputs). */
    public ExplainedModel model() {
        return model;
    }

    /**
     * Contributions to one target unit for every example.
     *
     * @param input     {@code [N, ...]} in the network's input shape
     * @param reference the input's shape, or {@code [1, ...]} for one reference shared by every example
     * @param target    the output unit, scored before the output activation
     */
    public Attribution explain(INDArray input, INDArray reference, int target) {
        long n = input == null ? 0 : input.size(0);
        int[] targets = new int[(int) Math.max(n, 0)];
        Arrays.fill(targets, target);
        return explain(input, reference, targets);
    }

    /** Contributions to one target unit per example, with an all-zero reference. */
    public Attribution explain(INDArray input, int target) {
        if (input == null) {
            throw new IllegalArgumentException("input is null");
        }
        long[] shape = input.shape().clone();
        shape[0] = 1;
        return explain(input, Nd4j.zeros(model.dataType(), shape), target);
    }

    /**
     * Contributions to a target per example.
     *
     * @param input     {@code [N, ...]} in the network's input shape
     * @param reference the input's shape, or {@code [1, ...]} for one reference shared by every example
     * @param targets   one output unit per example
     */
    @Override
    public Attribution explain(INDArray input, INDArray reference, int[] targets) {
        requireSingleInputOutput();
        INDArray x = InputChecks.input(input, model.input(0), model.dataType(), "input");
        INDArray ref = InputChecks.reference(reference, x, model.dataType(), "reference");
        int[] t = InputChecks.targets(targets, x.size(0), model.outputUnits().get(0));
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return run(x, ref, t);
        }
    }

    private AttributionResult run(INDArray x, INDArray ref, int[] targets) {
        ForwardPass pass = propagator.forward(List.of(x), List.of(ref));
        int outputNode = model.graph().outputIndices().values().iterator().next();
        PairActivations out = pass.activations(outputNode);
        INDArray seed = oneHot(out.input(), targets);
        INDArray deltas = out.delta().mul(seed).reshape(x.size(0), -1).sum(1);
        INDArray m = propagator.backward(pass, outputNode, seed).get(0);
        PairActivations in = pass.activations(model.graph().inputIndices().get(0));
        AttributionResult result = AttributionResult.of(m, in.delta(), deltas, targets, describe());
        warnIfNotSummingToDelta(result);
        return result;
    }

    private static INDArray oneHot(INDArray output, int[] targets) {
        long units = output.length() / output.size(0);
        INDArray seed = Nd4j.zeros(output.dataType(), output.size(0), units);
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] >= units) {
                throw new IllegalArgumentException("Target " + targets[i] + " of example " + i
                        + " is out of range: the output has " + units + " units");
            }
            seed.putScalar(i, targets[i], 1.0);
        }
        return seed.reshape(output.shape());
    }

    private void warnIfNotSummingToDelta(AttributionResult result) {
        if (policy.isPureGradient() || gradientVariant != null) {
            return; // gradients are not expected to sum to delta
        }
        double tol = SummationCheck.relativeTolerance(model.dataType());
        INDArray scale = SummationCheck.scales(List.of(result.scores())).addi(Transforms.abs(result.deltas(), true))
                .addi(1.0);
        INDArray excess = result.summationErrors().div(scale);
        double worst = excess.maxNumber().doubleValue();
        if (worst > tol) {
            LOG.warn("Summation-to-delta violated: max error {} (relative {}, tolerance {}) for {}",
                    result.maxSummationError(), worst, tol, describe());
        }
    }

    private void requireSingleInputOutput() {
        if (model.inputCount() != 1 || model.graph().outputIndices().size() != 1) {
            throw new IllegalArgumentException("This network has " + model.inputCount() + " inputs and "
                    + model.graph().outputIndices().size() + " outputs: use the INDArray[] / Target forms");
        }
    }

    private String describe() {
        if (gradientVariant != null) {
            return "guided backpropagation";
        }
        return (policy.isPureGradient() ? "gradient" : "DeepLIFT " + policy) + (maxPoolMode == MaxPoolMode.CROSS_MAX ? "" : ", max-pool " + maxPoolMode);
    }

    @Override
    public String toString() {
        return "DeepLift{" + model.description() + ", rules=" + policy + ", maxPool=" + maxPoolMode + "}";
    }
}
