package dev.deeplift.dl4j;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.ReferenceSink;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.engine.AttributionResult;
import dev.deeplift.core.engine.GraphAttribution;
import dev.deeplift.core.engine.Propagator;
import dev.deeplift.core.engine.RulePlan;
import dev.deeplift.core.rules.GuidedBackpropRule;
import dev.deeplift.core.rules.NonlinearRule;
import dev.deeplift.dl4j.network.ComputationGraphConverter;
import dev.deeplift.dl4j.network.ExplainedModel;
import dev.deeplift.dl4j.network.MultiLayerNetworkConverter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

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
 * state, cached inputs, training mode), and it keeps no state between calls but the automatic chunk size the first
 * call measures (an atomic value, the same for every call), so one instance may be used from many threads at once.
 * Returned arrays are detached from every workspace.
 */
public final class DeepLift implements Explainer {
    /**
     * The most examples per internal chunk unless {@link #withChunkSize} says otherwise; fewer where a chunk's
     * largest activation would pass {@link #CHUNK_ACTIVATION_BYTES}.
     */
    public static final int DEFAULT_CHUNK_SIZE = 512;

    /**
     * Unless {@link #withChunkSize} is set, a chunk holds as many examples as keep the network's largest activation
     * (input side) within this many bytes: elementwise passes over arrays that stay in the CPU's caches run faster
     * (measured on the Conv1D benchmark at batch 256: chunks of 128 examples, 32 MB, took 0.76 s where one chunk
     * of 256 took 1.08 s), and memory stays bounded whatever the batch.
     */
    public static final long CHUNK_ACTIVATION_BYTES = 32L << 20;

    private final ExplainedModel model;
    private final Settings settings;
    private final Propagator propagator;
    /** The automatic chunk size once the first call has measured the activations; 0 before. */
    private final AtomicInteger automaticChunk = new AtomicInteger();

    /** Everything an explainer is configured with; immutable. */
    private record Settings(RulePolicy policy, MaxPoolMode maxPoolMode, NonlinearRule gradientVariant,
                            int chunkSize, boolean softmaxNormalized) {
        /** Chunk size 0: chosen from the activation sizes (see {@link #CHUNK_ACTIVATION_BYTES}). */
        static final Settings DEFAULT = new Settings(RulePolicy.uniform(Rule.RESCALE), MaxPoolMode.CROSS_MAX, null,
                0, false);

        Settings withPolicy(RulePolicy p, MaxPoolMode mode, NonlinearRule variant) {
            return new Settings(p, mode, variant, chunkSize, softmaxNormalized);
        }
    }

    private DeepLift(ExplainedModel model, Settings settings) {
        this.model = model;
        this.settings = settings;
        double epsilon = RulePlan.defaultEpsilon(model.dataType());
        RulePlan plan = settings.gradientVariant() == null
                ? RulePlan.create(model.graph(), settings.policy(), settings.maxPoolMode(), epsilon)
                : RulePlan.gradientVariant(model.graph(), settings.gradientVariant(), epsilon);
        this.propagator = new Propagator(model.graph(), plan);
    }

    /**
     * An explainer for a network, with the Rescale rule and cross-max pooling.
     *
     * @throws dev.deeplift.core.UnsupportedLayerException naming the first layer without an exact rule
     * @throws IllegalStateException                       if the network was never initialised
     */
    public static DeepLift of(MultiLayerNetwork network) {
        return new DeepLift(MultiLayerNetworkConverter.convert(network), Settings.DEFAULT);
    }

    /**
     * An explainer for a computation graph (residual, multi-input, multi-output), with the Rescale rule and
     * cross-max pooling.
     *
     * @throws dev.deeplift.core.UnsupportedLayerException naming the first vertex without an exact rule
     * @throws IllegalStateException                       if the graph was never initialised
     */
    public static DeepLift of(ComputationGraph graph) {
        return new DeepLift(ComputationGraphConverter.convert(graph), Settings.DEFAULT);
    }

    /** The same explainer with one rule for every nonlinearity (default {@link Rule#RESCALE}). */
    public DeepLift withRule(Rule rule) {
        return withRules(RulePolicy.uniform(Objects.requireNonNull(rule, "rule")));
    }

    /** The same explainer with a rule per kind of layer feeding each nonlinearity, e.g. {@link RulePolicy#genomicsDefault()}. */
    public DeepLift withRules(RulePolicy rules) {
        return new DeepLift(model, settings.withPolicy(Objects.requireNonNull(rules, "rules"), settings.maxPoolMode(),
                null));
    }

    /** The same explainer with another max-pooling rule (default {@link MaxPoolMode#CROSS_MAX}). */
    public DeepLift withMaxPoolMode(MaxPoolMode mode) {
        return new DeepLift(model, settings.withPolicy(settings.policy(), Objects.requireNonNull(mode, "mode"),
                settings.gradientVariant()));
    }

    /**
     * The same network explained by guided backpropagation (negative multipliers stopped at every nonlinearity,
     * max-pooling routing gradients): scores are guided gradients × (x − x_ref). For comparison; these scores are
     * not expected to sum to delta. {@link #withRule} returns to DeepLIFT.
     */
    public DeepLift withGuidedBackprop() {
        return new DeepLift(model, settings.withPolicy(RulePolicy.uniform(Rule.GRADIENT), MaxPoolMode.GRADIENT,
                GuidedBackpropRule.INSTANCE));
    }

    /**
     * The same explainer, splitting batches larger than {@code examples} into chunks of that many examples (memory
     * grows with the chunk, not the batch); results do not depend on it. By default the chunk is chosen from the
     * activation sizes: at most {@value #DEFAULT_CHUNK_SIZE} examples and about {@link #CHUNK_ACTIVATION_BYTES}
     * bytes for the largest activation.
     */
    public DeepLift withChunkSize(int examples) {
        if (examples < 1) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + examples);
        }
        return new DeepLift(model, new Settings(settings.policy(), settings.maxPoolMode(), settings.gradientVariant(),
                examples, settings.softmaxNormalized()));
    }

    /**
     * The same explainer, explaining for a target {@code t} the logit minus the mean of all logits,
     * {@code logit_t − (1/K)·Σ_k logit_k}, instead of {@code logit_t} alone (the paper's note on softmax outputs:
     * adding a constant to every logit leaves the softmax unchanged, and this target is invariant to it). Deltas
     * are then differences of that quantity.
     */
    public DeepLift withSoftmaxNormalization(boolean normalized) {
        return new DeepLift(model, new Settings(settings.policy(), settings.maxPoolMode(), settings.gradientVariant(),
                settings.chunkSize(), normalized));
    }

    /** The chunk size chosen from the activation sizes by the first call, or 0 before it (for tests). */
    int automaticChunkSize() {
        return automaticChunk.get();
    }

    /** Examples per internal chunk as set by {@link #withChunkSize}, or 0 when chosen from the activation sizes. */
    public int chunkSize() {
        return settings.chunkSize();
    }

    /** The rule policy. */
    public RulePolicy rules() {
        return settings.policy();
    }

    /** The max-pooling rule. */
    public MaxPoolMode maxPoolMode() {
        return settings.maxPoolMode();
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
        requireSingle("output", model.outputCount());
        return explain(input, reference, Target.perExample(0, checkedNotNull(targets)));
    }

    /**
     * Contributions of the same examples against each of several references, all from one forward pass over the
     * examples: each further reference costs a forward pass over its own rows and one backward pass. Results go to
     * {@code sink} as they are made, for every chunk of examples its references in order (what
     * {@link dev.deeplift.core.methods.DeepShap} uses for a shared background).
     *
     * <pre>{@code
     * explainer.explainEach(x, List.of(black, blurred), targets, (k, first, rows) -> save(k, first, rows.scores()));
     * }</pre>
     *
     * @param references each the input's shape, or {@code [1, ...]} for one reference shared by every example
     */
    @Override
    public void explainEach(INDArray input, List<INDArray> references, int[] targets, ReferenceSink sink) {
        requireSingle("input", model.inputCount());
        requireSingle("output", model.outputCount());
        if (references == null || references.isEmpty() || sink == null) {
            throw new IllegalArgumentException("explainEach needs at least one reference and a sink");
        }
        List<INDArray>[] first = check(new INDArray[] {input}, new INDArray[] {references.get(0)});
        List<INDArray> xs = first[0];
        List<List<INDArray>> refs = new ArrayList<>(List.of(first[1]));
        for (int k = 1; k < references.size(); k++) {
            refs.add(List.of(InputChecks.reference(references.get(k), xs.get(0), model.dataType(), "reference " + k)));
        }
        int n = (int) xs.get(0).size(0);
        int[] t = InputChecks.targets(checkedNotNull(targets), n, model.outputUnits().get(0));
        runner().runEach(xs, refs, model.outputNode(0), Seed.units(t, settings.softmaxNormalized()),
                (k, from, rows, units) -> sink.accept(k, from, single(rows, units)));
    }

    /** Contributions of a network with one input to a unit of a named (or numbered) output. */
    public Attribution explain(INDArray input, INDArray reference, Target target) {
        requireSingle("input", model.inputCount());
        List<int[]> units = new ArrayList<>();
        GraphAttribution g = explainTarget(new INDArray[] {input}, new INDArray[] {reference}, target, units);
        return single(g, units.get(0));
    }

    /**
     * Contributions to the predicted class of each example (the output unit with the largest logit); the chosen
     * units are in {@link AttributionResult#targets()}.
     */
    public Attribution explainPredicted(INDArray input, INDArray reference) {
        requireSingle("input", model.inputCount());
        requireSingle("output", model.outputCount());
        List<INDArray>[] checked = check(new INDArray[] {input}, new INDArray[] {reference});
        List<int[]> units = new ArrayList<>();
        GraphAttribution g = runner().run(checked[0], checked[1], model.outputNode(0),
                List.of(Seed.predicted(settings.softmaxNormalized())), -1, units).get(0);
        return single(g, units.get(0));
    }

    /**
     * Contributions to several targets at once, one result per target, all from one forward pass (each target
     * then costs one backward pass).
     *
     * @param units the output units, each explained for every example
     */
    public List<Attribution> explainTargets(INDArray input, INDArray reference, int... units) {
        requireSingle("input", model.inputCount());
        requireSingle("output", model.outputCount());
        List<INDArray>[] checked = check(new INDArray[] {input}, new INDArray[] {reference});
        int n = (int) checked[0].get(0).size(0);
        List<Seed> seeds = new ArrayList<>();
        for (int unit : checkedNotNull(units)) {
            seeds.add(Seed.units(InputChecks.targets(filled(n, unit), n, model.outputUnits().get(0)),
                    settings.softmaxNormalized()));
        }
        List<int[]> chosen = new ArrayList<>();
        List<GraphAttribution> results = runner().run(checked[0], checked[1], model.outputNode(0), seeds, -1, chosen);
        List<Attribution> out = new ArrayList<>();
        for (int k = 0; k < results.size(); k++) {
            out.add(single(results.get(k), chosen.get(k)));
        }
        return out;
    }

    /**
     * Layer attribution: the contributions of a hidden layer's activations to a target, i.e. multipliers at that
     * layer times its activation differences. The scores have the layer's output shape and sum to the target's
     * delta wherever every path to the output passes through the layer (always in a MultiLayerNetwork).
     *
     * @param layer the layer's name, or its index in a MultiLayerNetwork (e.g. {@code "2"}), or a vertex name
     */
    public Attribution explainLayer(INDArray input, INDArray reference, int target, String layer) {
        requireSingle("input", model.inputCount());
        requireSingle("output", model.outputCount());
        int at = model.layerNode(layer);
        List<INDArray>[] checked = check(new INDArray[] {input}, new INDArray[] {reference});
        int n = (int) checked[0].get(0).size(0);
        int[] t = InputChecks.targets(filled(n, target), n, model.outputUnits().get(0));
        List<int[]> units = new ArrayList<>();
        GraphAttribution g = runner().run(checked[0], checked[1], model.outputNode(0),
                List.of(Seed.units(t, settings.softmaxNormalized())), at, units).get(0);
        return single(g, units.get(0));
    }

    /**
     * Neuron attribution: the contributions of the input to one unit of a hidden layer's output (after its
     * activation), as the target. Deltas are that unit's differences.
     *
     * @param layer the layer's name, or its index in a MultiLayerNetwork, or a vertex name
     * @param unit  the unit, an index into the layer's flattened per-example output
     */
    public Attribution explainNeuron(INDArray input, INDArray reference, String layer, int unit) {
        requireSingle("input", model.inputCount());
        int from = model.layerNode(layer);
        List<INDArray>[] checked = check(new INDArray[] {input}, new INDArray[] {reference});
        int n = (int) checked[0].get(0).size(0);
        List<int[]> units = new ArrayList<>();
        GraphAttribution g = runner().run(checked[0], checked[1], from, List.of(Seed.units(filled(n, unit), false)),
                -1, units).get(0);
        return single(g, units.get(0));
    }

    /**
     * Contributions of every input of a multi-input network to one unit of its (single) output.
     *
     * @param inputs     one array per network input, in the network's input order
     * @param references one per input: its shape, or a leading dimension of 1
     */
    public GraphAttribution explain(INDArray[] inputs, INDArray[] references, int target) {
        requireSingle("output", model.outputCount());
        return explain(inputs, references, Target.of(0, target));
    }

    /** Contributions of every input to one unit of the (single) output per example. */
    public GraphAttribution explain(INDArray[] inputs, INDArray[] references, int[] targets) {
        requireSingle("output", model.outputCount());
        return explain(inputs, references, Target.perExample(0, checkedNotNull(targets)));
    }

    /** Contributions of every input to a unit of a named (or numbered) output. */
    public GraphAttribution explain(INDArray[] inputs, INDArray[] references, Target target) {
        return explainTarget(inputs, references, target, new ArrayList<>());
    }

    private GraphAttribution explainTarget(INDArray[] inputs, INDArray[] references, Target target,
                                           List<int[]> units) {
        int output = outputIndex(target);
        List<INDArray>[] checked = check(inputs, references);
        int n = (int) checked[0].get(0).size(0);
        int[] t = InputChecks.targets(target.units(n), n, model.outputUnits().get(output));
        return runner().run(checked[0], checked[1], model.outputNode(output),
                List.of(Seed.units(t, settings.softmaxNormalized())), -1, units).get(0);
    }

    private ExplainRunner runner() {
        boolean expectSummation = !settings.policy().isPureGradient() && settings.gradientVariant() == null;
        return new ExplainRunner(propagator, model.graph().inputIndices(), settings.chunkSize(), automaticChunk,
                model.dataType(),
                expectSummation, describe());
    }

    /** Checked and cast inputs and references, before any work. */
    @SuppressWarnings("unchecked")
    private List<INDArray>[] check(INDArray[] inputs, INDArray[] references) {
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
        return new List[] {xs, refs};
    }

    private static AttributionResult single(GraphAttribution g, int[] targets) {
        return AttributionResult.of(g.multipliers(0), g.scores(0), g.deltas(), g.summationErrors(), targets,
                g.method());
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

    private static int[] filled(int n, int value) {
        int[] t = new int[n];
        Arrays.fill(t, value);
        return t;
    }

    private static int[] checkedNotNull(int[] targets) {
        if (targets == null) {
            throw new IllegalArgumentException("targets is null");
        }
        return targets;
    }

    private void requireSingle(String what, int count) {
        if (count != 1) {
            throw new IllegalArgumentException("This network has " + count + " " + what + "s "
                    + (what.equals("output") ? model.outputNames() + ": name the output with a Target"
                    : ": pass one array per input (the INDArray[] forms)"));
        }
    }

    private String describe() {
        if (settings.gradientVariant() != null) {
            return "guided backpropagation";
        }
        RulePolicy policy = settings.policy();
        return (policy.isPureGradient() ? "gradient" : "DeepLIFT " + policy)
                + (settings.maxPoolMode() == MaxPoolMode.CROSS_MAX ? "" : ", max-pool " + settings.maxPoolMode())
                + (settings.softmaxNormalized() ? ", softmax-normalized target" : "");
    }

    @Override
    public String toString() {
        String chunk = settings.chunkSize() > 0 ? String.valueOf(settings.chunkSize()) : "auto";
        return "DeepLift{" + model.description() + ", " + describe() + ", chunk=" + chunk + "}";
    }
}
