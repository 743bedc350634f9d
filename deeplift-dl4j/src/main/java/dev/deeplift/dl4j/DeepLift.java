package dev.deeplift.dl4j;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.ReferenceSink;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.Target;
import dev.deeplift.core.engine.ExplainedModel;
import dev.deeplift.core.engine.GraphExplainer;
import dev.deeplift.core.engine.Settings;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.reference.EmbeddingReference;
import dev.deeplift.dl4j.network.ComputationGraphConverter;
import dev.deeplift.dl4j.network.MultiLayerNetworkConverter;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
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
 * <p>Networks whose input feeds an {@code EmbeddingLayer} or {@code EmbeddingSequenceLayer} take token indices
 * (DL4J's convention: whole numbers in floating-point arrays, {@code [N, 1]}, {@code [N, T]} or {@code [N, 1, T]})
 * and reference tokens of the same shape, or a reference in embedding space ({@link EmbeddingReference}). Their
 * scores are token scores: each token's summed contribution through its embedding vector, 0 where the token equals
 * its reference; they sum to the deltas. See the README's "Embeddings".
 *
 * <p>Targets are units of the network's output, scored at their pre-activation (before the last layer's
 * softmax, sigmoid or other activation). The explainer is immutable: {@code withRule} and friends return new
 * explainers. It reads the network's parameters at each call and never changes the network (parameters, updater
 * state, cached inputs, training mode), and it keeps no state between calls but the automatic chunk size the first
 * call measures (an atomic value, the same for every call), so one instance may be used from many threads at once.
 * Returned arrays are detached from every workspace. The work itself is done by the framework-free
 * {@link GraphExplainer} of {@code deeplift-core}; this class converts DL4J networks and keeps the familiar entry
 * points.
 */
public final class DeepLift implements Explainer {
    /** The most examples per internal chunk unless {@link #withChunkSize} says otherwise. */
    public static final int DEFAULT_CHUNK_SIZE = Settings.MAX_AUTOMATIC_CHUNK;

    /** Unless {@link #withChunkSize} is set, a chunk's largest activation stays within this many bytes. */
    public static final long CHUNK_ACTIVATION_BYTES = Settings.CHUNK_ACTIVATION_BYTES;

    private final GraphExplainer engine;

    private DeepLift(GraphExplainer engine) {
        this.engine = engine;
    }

    /**
     * An explainer for a network, with the Rescale rule and cross-max pooling.
     *
     * @throws dev.deeplift.core.UnsupportedLayerException naming the first layer without an exact rule
     * @throws IllegalStateException                       if the network was never initialised
     */
    public static DeepLift of(MultiLayerNetwork network) {
        return new DeepLift(new GraphExplainer(MultiLayerNetworkConverter.convert(network), Settings.DEFAULT));
    }

    /**
     * An explainer for a computation graph (residual, multi-input, multi-output), with the Rescale rule and
     * cross-max pooling.
     *
     * @throws dev.deeplift.core.UnsupportedLayerException naming the first vertex without an exact rule
     * @throws IllegalStateException                       if the graph was never initialised
     */
    public static DeepLift of(ComputationGraph graph) {
        return new DeepLift(new GraphExplainer(ComputationGraphConverter.convert(graph), Settings.DEFAULT));
    }

    private DeepLift with(Settings settings) {
        return new DeepLift(engine.with(settings));
    }

    /** The same explainer with one rule for every nonlinearity (default {@link Rule#RESCALE}). */
    public DeepLift withRule(Rule rule) {
        return withRules(RulePolicy.uniform(Objects.requireNonNull(rule, "rule")));
    }

    /**
     * The same explainer with a rule per kind of layer feeding each nonlinearity, or per layer name, e.g.
     * {@link RulePolicy#genomicsDefault()} or {@code RulePolicy.uniform(Rule.RESCALE).with("dense2",
     * Rule.REVEAL_CANCEL)}.
     */
    public DeepLift withRules(RulePolicy rules) {
        return with(engine.settings().withPolicy(Objects.requireNonNull(rules, "rules")));
    }

    /** The same explainer with another max-pooling rule (default {@link MaxPoolMode#CROSS_MAX}). */
    public DeepLift withMaxPoolMode(MaxPoolMode mode) {
        return with(engine.settings().withMaxPoolMode(Objects.requireNonNull(mode, "mode")));
    }

    /**
     * The same network explained by guided backpropagation (negative multipliers stopped at every nonlinearity,
     * max-pooling routing gradients): scores are guided gradients × (x − x_ref). For comparison; these scores are
     * not expected to sum to delta. {@link #withRule} returns to DeepLIFT.
     */
    public DeepLift withGuidedBackprop() {
        return with(engine.settings().withGuidedBackprop());
    }

    /**
     * The same explainer, splitting batches larger than {@code examples} into chunks of that many examples (memory
     * grows with the chunk, not the batch); results do not depend on it. By default the chunk is chosen from the
     * activation sizes: at most {@value #DEFAULT_CHUNK_SIZE} examples and about {@link #CHUNK_ACTIVATION_BYTES}
     * bytes for the largest activation.
     */
    public DeepLift withChunkSize(int examples) {
        return with(engine.settings().withChunkSize(examples));
    }

    /**
     * The same explainer, explaining for a target {@code t} the logit minus the mean of all logits,
     * {@code logit_t − (1/K)·Σ_k logit_k}, instead of {@code logit_t} alone (the paper's note on softmax outputs:
     * adding a constant to every logit leaves the softmax unchanged, and this target is invariant to it). Deltas
     * are then differences of that quantity.
     */
    public DeepLift withSoftmaxNormalization(boolean normalized) {
        return with(engine.settings().withSoftmaxNormalization(normalized));
    }

    /**
     * The same explainer, adding to every result a per-node exactness report
     * ({@link Attribution#layerChecks()}): how far each node's input contributions miss its output's, naming the
     * worst node. Off by default; when off it costs nothing.
     */
    public DeepLift withLayerChecks(boolean on) {
        return with(engine.settings().withLayerChecks(on));
    }

    /** The chunk size chosen from the activation sizes by the first call, or 0 before it (for tests). */
    int automaticChunkSize() {
        return engine.automaticChunkSize();
    }

    /** Examples per internal chunk as set by {@link #withChunkSize}, or 0 when chosen from the activation sizes. */
    public int chunkSize() {
        return engine.settings().chunkSize();
    }

    /** The rule policy. */
    public RulePolicy rules() {
        return engine.settings().policy();
    }

    /** The max-pooling rule. */
    public MaxPoolMode maxPoolMode() {
        return engine.settings().maxPoolMode();
    }

    /** The converted model (its node graph, data type, outputs). */
    public ExplainedModel model() {
        return engine.model();
    }

    /**
     * Contributions to one target unit for every example, with an all-zero reference (for token indices read by
     * an embedding layer, token 0 everywhere; {@link EmbeddingReference#zeros()} gives all-zero embedding vectors).
     *
     * @param input  {@code [N, ...]} in the network's input shape
     * @param target the output unit, scored before the output activation
     */
    public Attribution explain(INDArray input, int target) {
        if (input == null) {
            throw new IllegalArgumentException("input is null");
        }
        long[] shape = input.shape().clone();
        shape[0] = 1;
        Attribution a = explain(input, Nd4j.zeros(engine.model().dataType(), shape), target);
        return a.withProvenance(a.provenance().withReference("zeros"));
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

    /**
     * Contributions to a target per example.
     *
     * @param input     {@code [N, ...]} in the network's input shape
     * @param reference the input's shape, or {@code [1, ...]} for one reference shared by every example
     * @param targets   one output unit per example
     */
    @Override
    public Attribution explain(INDArray input, INDArray reference, int[] targets) {
        return engine.explain(input, reference, targets);
    }

    /**
     * Contributions to one target unit for every example of a sequence input with padding: input and reference
     * are run with the feature mask exactly as DL4J's {@code output(input, false, featureMask, null)} runs them
     * (layers that DL4J does not mask compute over padded steps too; see the README's "Masks").
     *
     * @param input       {@code [N, nIn, T]} (or the network's NWC layout), or token indices for embeddings
     * @param reference   the input's shape, or {@code [1, ...]} shared
     * @param featureMask {@code [N, T]}: 1 for real steps, 0 for padding
     */
    public Attribution explain(INDArray input, INDArray reference, int target, INDArray featureMask) {
        long n = input == null ? 0 : input.size(0);
        int[] targets = new int[(int) Math.max(n, 0)];
        Arrays.fill(targets, target);
        return explain(input, reference, targets, featureMask);
    }

    /** {@link #explain(INDArray, INDArray, int, INDArray)} with one target unit per example. */
    public Attribution explain(INDArray input, INDArray reference, int[] targets, INDArray featureMask) {
        engine.requireSingle("input", engine.model().inputCount());
        engine.requireSingle("output", engine.model().outputCount());
        if (targets == null) {
            throw new IllegalArgumentException("targets is null");
        }
        return engine.explain(Arrays.asList(input), Arrays.asList(reference), Arrays.asList(featureMask),
                Target.perExample(0, targets));
    }

    /**
     * Contributions of token indices (a network whose input feeds an {@code EmbeddingLayer} or
     * {@code EmbeddingSequenceLayer}) to one target unit, relative to a reference in the embedding space rather than
     * reference tokens, e.g. {@link EmbeddingReference#zeros()}. Scores are token scores (the input's shape) and
     * sum to the deltas {@code f(x) − f(reference vectors)}. See the README's "Embeddings".
     *
     * @param tokens {@code [N, 1]}, {@code [N, T]} or {@code [N, 1, T]} token indices, as the embedding layer takes
     */
    public Attribution explain(INDArray tokens, EmbeddingReference reference, int target) {
        long n = tokens == null ? 0 : tokens.size(0);
        int[] targets = new int[(int) Math.max(n, 0)];
        Arrays.fill(targets, target);
        return explain(tokens, reference, targets, null);
    }

    /** {@link #explain(INDArray, EmbeddingReference, int)} with one target per example. */
    public Attribution explain(INDArray tokens, EmbeddingReference reference, int[] targets) {
        return explain(tokens, reference, targets, null);
    }

    /**
     * {@link #explain(INDArray, EmbeddingReference, int)} with one target per example and a feature mask
     * {@code [N, T]} (null for none), applied as DL4J's {@code output(tokens, false, featureMask, null)} does.
     */
    public Attribution explain(INDArray tokens, EmbeddingReference reference, int[] targets, INDArray featureMask) {
        engine.requireSingle("input", engine.model().inputCount());
        engine.requireSingle("output", engine.model().outputCount());
        if (reference == null || targets == null || tokens == null) {
            throw new IllegalArgumentException((tokens == null ? "tokens" : reference == null ? "reference"
                    : "targets") + " is null");
        }
        InputNode in = engine.model().input(0);
        if (!in.isTokens()) {
            throw new IllegalArgumentException("A reference in embedding space needs a network whose input holds "
                    + "token indices for an embedding layer; this network's input is " + in.describeShape());
        }
        INDArray ref = reference.encode(tokens, in.tokenSpec(), engine.model().dataType());
        Attribution a = engine.explain(Arrays.asList(tokens), Arrays.asList(ref), Arrays.asList(featureMask),
                Target.perExample(0, targets));
        return a.withProvenance(a.provenance().withReference(reference.toString()));
    }

    /**
     * Contributions of a network with one input to a unit of a named (or numbered) output; for a sequence output
     * (per-step units, e.g. an {@code RnnOutputLayer}) the target names a time step too:
     * {@code Target.unitAtStep(unit, step)}.
     */
    public Attribution explain(INDArray input, INDArray reference, Target target) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explain(Arrays.asList(input), Arrays.asList(reference), target);
    }

    /**
     * {@link #explain(INDArray, INDArray, Target)} with a feature mask, as DL4J's
     * {@code output(input, false, featureMask, null)} applies it.
     *
     * <pre>{@code
     * Attribution a = explainer.explain(x, reference, Target.unitAtStep(2, 9), mask);   // unit 2 at step 9
     * }</pre>
     *
     * @param featureMask {@code [N, T]}: 1 for real steps, 0 for padding; null for none
     */
    public Attribution explain(INDArray input, INDArray reference, Target target, INDArray featureMask) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explain(Arrays.asList(input), Arrays.asList(reference), Arrays.asList(featureMask), target);
    }

    /**
     * Contributions of every input of a multi-input network to a unit of a named (or numbered) output; the result
     * has one scores array per input ({@link Attribution#scores(int)}), which together sum to the deltas.
     *
     * @param inputs     one array per network input, in the network's input order
     * @param references one per input: its shape, or a leading dimension of 1
     */
    public Attribution explain(INDArray[] inputs, INDArray[] references, Target target) {
        return engine.explain(inputs == null ? null : Arrays.asList(inputs),
                references == null ? null : Arrays.asList(references), target);
    }

    /**
     * {@link #explain(INDArray[], INDArray[], Target)} with feature masks, as DL4J's
     * {@code output(false, inputs, featureMasks)} applies them.
     *
     * @param featureMasks one {@code [N, T]} mask per input, null for an input without one
     */
    public Attribution explain(INDArray[] inputs, INDArray[] references, INDArray[] featureMasks, Target target) {
        return engine.explain(inputs == null ? null : Arrays.asList(inputs),
                references == null ? null : Arrays.asList(references),
                featureMasks == null ? null : Arrays.asList(featureMasks), target);
    }

    /**
     * Contributions to the predicted class of each example (the output unit with the largest logit); the chosen
     * units are in {@link Attribution#targets()}.
     */
    public Attribution explainPredicted(INDArray input, INDArray reference) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explainPredicted(Arrays.asList(input), Arrays.asList(reference));
    }

    /** {@link #explainPredicted(INDArray, INDArray)} with a feature mask {@code [N, T]} (or null for none). */
    public Attribution explainPredicted(INDArray input, INDArray reference, INDArray featureMask) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explainPredicted(Arrays.asList(input), Arrays.asList(reference), Arrays.asList(featureMask));
    }

    /** {@link #explainTargets(INDArray, INDArray, int...)} with a feature mask {@code [N, T]} (or null for none). */
    public List<Attribution> explainTargets(INDArray input, INDArray reference, INDArray featureMask, int... units) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explainTargets(Arrays.asList(input), Arrays.asList(reference), Arrays.asList(featureMask),
                units);
    }

    /**
     * Contributions to several targets at once, one result per target, all from one forward pass (each target
     * then costs one backward pass).
     *
     * @param units the output units, each explained for every example
     */
    public List<Attribution> explainTargets(INDArray input, INDArray reference, int... units) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explainTargets(Arrays.asList(input), Arrays.asList(reference), units);
    }

    /**
     * Layer attribution: the contributions of a hidden layer's activations to a target, i.e. multipliers at that
     * layer times its activation differences. The scores have the layer's output shape and sum to the target's
     * delta wherever every path to the output passes through the layer (always in a MultiLayerNetwork).
     *
     * @param layer the layer's name, or its index in a MultiLayerNetwork (e.g. {@code "2"}), or a vertex name
     */
    public Attribution explainLayer(INDArray input, INDArray reference, int target, String layer) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explainLayer(Arrays.asList(input), Arrays.asList(reference), target, layer);
    }

    /**
     * Neuron attribution: the contributions of the input to one unit of a hidden layer's output (after its
     * activation), as the target. Deltas are that unit's differences.
     *
     * @param layer the layer's name, or its index in a MultiLayerNetwork, or a vertex name
     * @param unit  the unit, an index into the layer's flattened per-example output
     */
    public Attribution explainNeuron(INDArray input, INDArray reference, String layer, int unit) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explainNeuron(Arrays.asList(input), Arrays.asList(reference), layer, unit);
    }

    /**
     * Neuron attribution on a layer that outputs sequences (a recurrent layer, a per-step dense layer): unit
     * {@code unit} at time step {@code step} of its output, after its activation, as the target.
     * ({@link #explainNeuron(INDArray, INDArray, String, int)} takes the same unit as an index into the flattened
     * per-example output: {@code unit·T + step} for NCW {@code [N, C, T]}, {@code step·C + unit} for NWC.)
     *
     * @param featureMask {@code [N, T]}, or null for none
     */
    public Attribution explainNeuron(INDArray input, INDArray reference, String layer, int unit, int step,
                                     INDArray featureMask) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explainNeuron(Arrays.asList(input), Arrays.asList(reference), Arrays.asList(featureMask),
                layer, unit, step);
    }

    /**
     * Layer attribution for any target (a time step of a sequence output, a named output) with a feature mask: the
     * contributions of a hidden layer's activations, in the layer's output shape.
     *
     * @param featureMask {@code [N, T]}, or null for none
     */
    public Attribution explainLayer(INDArray input, INDArray reference, Target target, String layer,
                                    INDArray featureMask) {
        engine.requireSingle("input", engine.model().inputCount());
        return engine.explainLayer(Arrays.asList(input), Arrays.asList(reference), Arrays.asList(featureMask),
                target, layer);
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
        engine.requireSingle("input", engine.model().inputCount());
        engine.explainEach(input, references, targets, sink);
    }

    @Override
    public String toString() {
        return "DeepLift{" + engine + "}";
    }
}
