package dev.deeplift.dl4j;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.engine.AttributionResult;
import dev.deeplift.core.engine.ForwardPass;
import dev.deeplift.core.engine.GraphAttribution;
import dev.deeplift.core.engine.Propagator;
import dev.deeplift.core.engine.RulePlan;
import dev.deeplift.core.engine.SummationCheck;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.rules.GuidedBackpropRule;
import dev.deeplift.core.rules.NonlinearRule;
import dev.deeplift.dl4j.network.ComputationGraphConverter;
import dev.deeplift.dl4j.network.ExplainedModel;
import dev.deeplift.dl4j.network.MultiLayerNetworkConverter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
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
    /** Examples per internal chunk unless {@link #withChunkSize} says otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = 512;

    private final ExplainedModel model;
    private final RulePolicy policy;
    private final MaxPoolMode maxPoolMode;
    private final NonlinearRule gradientVariant;
    private final int chunkSize;
    private final Propagator propagator;

    private DeepLift(ExplainedModel model, RulePolicy policy, MaxPoolMode maxPoolMode, NonlinearRule gradientVariant,
                     int chunkSize) {
        this.model = model;
        this.chunkSize = chunkSize;
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
                MaxPoolMode.CROSS_MAX, null, DEFAULT_CHUNK_SIZE);
    }

    /**
     * An explainer for a computation graph (residual, multi-input, multi-output), with the Rescale rule and
     * cross-max pooling.
     *
     * @throws dev.deeplift.core.UnsupportedLayerException naming the first vertex without an exact rule
     * @throws IllegalStateException                       if the graph was never initialised
     */
    public static DeepLift of(ComputationGraph graph) {
        return new DeepLift(ComputationGraphConverter.convert(graph), RulePolicy.uniform(Rule.RESCALE),
                MaxPoolMode.CROSS_MAX, null, DEFAULT_CHUNK_SIZE);
    }

    /** The same explainer with one rule for every nonlinearity (default {@link Rule#RESCALE}). */
    public DeepLift withRule(Rule rule) {
        return withRules(RulePolicy.uniform(Objects.requireNonNull(rule, "rule")));
    }

    /** The same explainer with a rule per kind of layer feeding each nonlinearity, e.g. {@link RulePolicy#genomicsDefault()}. */
    public DeepLift withRules(RulePolicy rules) {
        return new DeepLift(model, Objects.requireNonNull(rules, "rules"), maxPoolMode, null, chunkSize);
    }

    /** The same explainer with another max-pooling rule (default {@link MaxPoolMode#CROSS_MAX}). */
    public DeepLift withMaxPoolMode(MaxPoolMode mode) {
        return new DeepLift(model, policy, Objects.requireNonNull(mode, "mode"), gradientVariant, chunkSize);
    }

    /**
     * The same network explained by guided backpropagation (negative multipliers stopped at every nonlinearity,
     * max-pooling routing gradients): scores are guided gradients × (x − x_ref). For comparison; these scores are
     * not expected to sum to delta. {@link #withRule} returns to DeepLIFT.
     */
    public DeepLift withGuidedBackprop() {
        return new DeepLift(model, RulePolicy.uniform(Rule.GRADIENT), MaxPoolMode.GRADIENT,
                GuidedBackpropRule.INSTANCE, chunkSize);
    }

    /**
     * The same explainer, splitting batches larger than {@code examples} into chunks of that many examples (memory
     * grows with the chunk, not the batch); results do not depend on it. Default {@value #DEFAULT_CHUNK_SIZE}.
     */
    public DeepLift withChunkSize(int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + examples);
        }
        return new DeepLift(model, policy, maxPoolMode, gradientVariant, examples);
    }

    /** Examples per internal chunk. */
    public int chunkSize() {
        return chunkSize;
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
        requireSingle("input", model.inputCount());
        requireSingle("output", model.outputCount());
        return single(explainGraph(new INDArray[] {input}, new INDArray[] {reference}, 0, targets), targets);
    }

    /** Contributions of a network with one input to a unit of a named (or numbered) output. */
    public Attribution explain(INDArray input, INDArray reference, Target target) {
        requireSingle("input", model.inputCount());
        long n = input == null ? 0 : input.size(0);
        int[] targets = target.units((int) n);
        return single(explainGraph(new INDArray[] {input}, new INDArray[] {reference}, outputIndex(target), targets),
                targets);
    }

    /**
     * Contributions of every input of a multi-input network to one unit of its (single) output.
     *
     * @param inputs     one array per network input, in the network's input order
     * @param references one per input: its shape, or a leading dimension of 1
     */
    public GraphAttribution explain(INDArray[] inputs, INDArray[] references, int target) {
        requireSingle("output", model.outputCount());
        return explainGraph(inputs, references, 0, fill(inputs, target));
    }

    /** Contributions of every input to one unit of the (single) output per example. */
    public GraphAttribution explain(INDArray[] inputs, INDArray[] references, int[] targets) {
        requireSingle("output", model.outputCount());
        return explainGraph(inputs, references, 0, targets);
    }

    /** Contributions of every input to a unit of a named (or numbered) output. */
    public GraphAttribution explain(INDArray[] inputs, INDArray[] references, Target target) {
        int n = inputs == null || inputs.length == 0 || inputs[0] == null ? 0 : (int) inputs[0].size(0);
        return explainGraph(inputs, references, outputIndex(target), target.units(n));
    }

    private GraphAttribution explainGraph(INDArray[] inputs, INDArray[] references, int output, int[] targets) {
        if (inputs == null || references == null) {
            throw new IllegalArgumentException("inputs and references must not be null");
        }
        if (inputs.length != model.inputCount() || references.length != model.inputCount()) {
            throw new IllegalArgumentException("The network has " + model.inputCount() + " inputs; got "
                    + inputs.length + " inputs and " + references.length + " references");
        }
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> refs = new ArrayList<>();
        for (int k = 0; k < inputs.length; k++) {
            String what = inputs.length == 1 ? "input" : "input " + k;
            String refWhat = inputs.length == 1 ? "reference" : "reference " + k;
            xs.add(InputChecks.input(inputs[k], model.input(k), model.dataType(), what));
            refs.add(InputChecks.reference(references[k], xs.get(k), model.dataType(), refWhat));
            if (xs.get(k).size(0) != xs.get(0).size(0)) {
                throw new IllegalArgumentException("input " + k + " has " + xs.get(k).size(0)
                        + " examples but input 0 has " + xs.get(0).size(0));
            }
        }
        int[] t = InputChecks.targets(targets, xs.get(0).size(0), model.outputUnits().get(output));
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            long n = xs.get(0).size(0);
            if (n <= chunkSize) {
                return run(xs, refs, output, t);
            }
            List<GraphAttribution> parts = new ArrayList<>();
            for (long from = 0; from < n; from += chunkSize) {
                long to = Math.min(n, from + chunkSize);
                parts.add(run(rows(xs, from, to), rows(refs, from, to), output,
                        Arrays.copyOfRange(t, (int) from, (int) to)));
            }
            return GraphAttribution.concat(parts);
        }
    }

    /** Rows {@code from..to} of each array; shared {@code [1, ...]} references (the batch is chunked, so N > 1) stay. */
    private static List<INDArray> rows(List<INDArray> arrays, long from, long to) {
        List<INDArray> out = new ArrayList<>();
        for (INDArray a : arrays) {
            out.add(a.size(0) == 1 ? a : a.get(NDArrayIndex.interval(from, to)));
        }
        return out;
    }

    private GraphAttribution run(List<INDArray> xs, List<INDArray> refs, int output, int[] targets) {
        ForwardPass pass = propagator.forward(xs, refs);
        int outputNode = model.outputNode(output);
        PairActivations out = pass.activations(outputNode);
        INDArray seed = oneHot(out.input(), targets);
        INDArray deltas = out.delta().mul(seed).reshape(xs.get(0).size(0), -1).sum(1);
        List<INDArray> m = propagator.backward(pass, outputNode, seed);
        List<INDArray> inputDeltas = new ArrayList<>();
        for (int idx : model.graph().inputIndices()) {
            inputDeltas.add(pass.activations(idx).delta());
        }
        GraphAttribution result = GraphAttribution.of(m, inputDeltas, deltas, describe());
        warnIfNotSummingToDelta(result);
        return result;
    }

    private AttributionResult single(GraphAttribution g, int[] targets) {
        INDArray m = g.multipliers(0);
        INDArray scores = g.scores(0);
        return AttributionResult.of(m, scores, g.deltas(), g.summationErrors(), targets, g.method());
    }

    private int outputIndex(Target target) {
        Objects.requireNonNull(target, "target");
        if (target.output() != null) {
            int k = model.outputNames().indexOf(target.output());
            if (k < 0) {
                throw new IllegalArgumentException("No output named \"" + target.output() + "\": the outputs are "
                        + model.outputNames());
            }
            return k;
        }
        if (target.outputIndex() < 0 || target.outputIndex() >= model.outputCount()) {
            throw new IllegalArgumentException("Output index " + target.outputIndex() + " is out of range: the "
                    + "network has " + model.outputCount() + " outputs " + model.outputNames());
        }
        return target.outputIndex();
    }

    private static int[] fill(INDArray[] inputs, int target) {
        int n = inputs == null || inputs.length == 0 || inputs[0] == null ? 0 : (int) inputs[0].size(0);
        int[] t = new int[n];
        Arrays.fill(t, target);
        return t;
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

    private void warnIfNotSummingToDelta(GraphAttribution result) {
        if (policy.isPureGradient() || gradientVariant != null) {
            return; // gradients are not expected to sum to delta
        }
        double tol = SummationCheck.relativeTolerance(model.dataType());
        INDArray scale = SummationCheck.scales(result.scores()).addi(Transforms.abs(result.deltas(), true))
                .addi(1.0);
        INDArray excess = result.summationErrors().div(scale);
        double worst = excess.maxNumber().doubleValue();
        if (worst > tol) {
            LOG.warn("Summation-to-delta violated: max error {} (relative {}, tolerance {}) for {}",
                    result.maxSummationError(), worst, tol, describe());
        }
    }

    private void requireSingle(String what, int count) {
        if (count != 1) {
            throw new IllegalArgumentException("This network has " + count + " " + what + "s "
                    + (what.equals("output") ? model.outputNames() + ": name the output with a Target"
                    : ": pass one array per input (the INDArray[] forms)"));
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
