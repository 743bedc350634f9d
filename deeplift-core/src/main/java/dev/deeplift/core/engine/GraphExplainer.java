package dev.deeplift.core.engine;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.Layout;
import dev.deeplift.core.Provenance;
import dev.deeplift.core.ReferenceSink;
import dev.deeplift.core.Target;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import dev.deeplift.core.graph.InputNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Explains an {@link ExplainedModel} (a network converted to rule nodes) with one {@link Settings}: every explain
 * entry point of the library, checked before any work and run in chunks by the engine. Framework-free; the DL4J
 * facade {@code dev.deeplift.dl4j.DeepLift} converts a network and delegates here.
 *
 * <p>Immutable but for the automatic chunk size, measured by the first call and then kept (an atomic value, the same
 * for every call): instances may be shared between threads. It reads the model's parameters at each call and never
 * writes them.
 */
public final class GraphExplainer implements Explainer {
    private final ExplainedModel model;
    private final Settings settings;
    private final Propagator propagator;
    /** The automatic chunk size once the first call has measured the activations; 0 before. Shared by copies. */
    private final AtomicInteger automaticChunk;

    /** An explainer of a model with the given settings. */
    public GraphExplainer(ExplainedModel model, Settings settings) {
        this(model, settings, new AtomicInteger());
    }

    private GraphExplainer(ExplainedModel model, Settings settings, AtomicInteger automaticChunk) {
        this.model = Objects.requireNonNull(model, "model");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.automaticChunk = automaticChunk;
        double epsilon = RulePlan.defaultEpsilon(model.dataType());
        RulePlan plan = settings.gradientVariant() == null
                ? RulePlan.create(model.graph(), settings.policy(), settings.maxPoolMode(), epsilon)
                : RulePlan.gradientVariant(model.graph(), settings.gradientVariant(), epsilon);
        this.propagator = new Propagator(model.graph(), plan);
    }

    /** The same model with other settings (the measured chunk size is kept). */
    public GraphExplainer with(Settings other) {
        return new GraphExplainer(model, other, automaticChunk);
    }

    /** The settings. */
    public Settings settings() {
        return settings;
    }

    /** The model. */
    public ExplainedModel model() {
        return model;
    }

    /** The chunk size chosen from the activation sizes by the first call, or 0 before it. */
    public int automaticChunkSize() {
        return automaticChunk.get();
    }

    /**
     * Contributions of a model with one input to a target per example of its single output.
     *
     * @param input     {@code [N, ...]} in the model's input shape
     * @param reference the input's shape, or {@code [1, ...]} for one reference shared by every example
     * @param targets   one output unit per example
     */
    @Override
    public Attribution explain(INDArray input, INDArray reference, int[] targets) {
        requireSingle("output", model.outputCount());
        return explain(single(input), single(reference), Target.perExample(0, checkedNotNull(targets)));
    }

    /**
     * Contributions of every input to a unit of a named (or numbered) output.
     *
     * @param inputs     one array per model input, in the model's input order
     * @param references one per input: its shape, or a leading dimension of 1
     */
    public Attribution explain(List<INDArray> inputs, List<INDArray> references, Target target) {
        return explain(inputs, references, null, target);
    }

    /**
     * Contributions of every input to a unit of a named (or numbered) output, with feature masks.
     *
     * @param masks one {@code [N, T]} feature mask per input (1 for real steps, 0 for padding), null entries for
     *              inputs without one, or null for none; the network applies each where DL4J's
     *              {@code output(input, false, featureMask, null)} does
     */
    public Attribution explain(List<INDArray> inputs, List<INDArray> references, List<INDArray> masks,
                               Target target) {
        int output = outputIndex(target);
        Checked c = check(inputs, references, masks);
        Seed seed = seed(output, target, c.examples());
        return runner(c, describeSteps(target, c.examples())).run(c.graphInputs(), c.graphReferences(),
                model.outputNode(output), List.of(seed), -1).get(0);
    }

    /**
     * The seed of a target on output {@code output}: a unit per example, and on a sequence output also a time step
     * per example (refused on other outputs; required on sequence outputs).
     */
    private Seed seed(int output, Target target, long examples) {
        int[] units = Validator.targets(target.units((int) examples), examples, model.outputUnits().get(output));
        Layout layout = model.outputLayout(output);
        String name = model.outputNames().get(output);
        if (layout == null) {
            if (target.hasSteps()) {
                throw new IllegalArgumentException("Output \"" + name + "\" is not a sequence, so its targets "
                        + "have no time step: use a target without atStep");
            }
            return Seed.units(units, settings.softmaxNormalized());
        }
        if (!target.hasSteps()) {
            throw new IllegalArgumentException(sequenceOutput(output) + ": name a time step as well as a unit, "
                    + "e.g. Target.unitAtStep(unit, step) or Target.of(\"" + name + "\", unit).atStep(step)");
        }
        int[] steps = target.steps((int) examples);
        for (int i = 0; i < steps.length; i++) {
            if (steps[i] < 0) {
                throw new IllegalArgumentException("Time step " + steps[i] + " of example " + i
                        + " is out of range: steps are counted from 0");
            }
        }
        return Seed.unitsAtSteps(units, steps, layout, settings.softmaxNormalized());
    }

    private String sequenceOutput(int output) {
        Layout layout = model.outputLayout(output);
        return "Output \"" + model.outputNames().get(output) + "\" is a sequence, one " + (layout == Layout.NCW
                ? "[N, K, T]" : "[N, T, K]") + " array of " + model.outputUnits().get(output) + " units per time step";
    }

    /** Refuses a call that picks units without time steps on a sequence output. */
    private void requireUnitsWithoutSteps(int output, String call) {
        if (model.outputLayout(output) != null) {
            throw new IllegalArgumentException(sequenceOutput(output) + ": " + call + " cannot pick a time step; "
                    + "explain with a Target that names one, e.g. Target.unitAtStep(unit, step)");
        }
    }

    private static String describeSteps(Target target, long examples) {
        int[] steps = target.steps((int) examples);
        if (steps == null) {
            return "";
        }
        boolean same = java.util.Arrays.stream(steps).allMatch(s -> s == steps[0]);
        return same ? "time step " + steps[0] : "time steps per example";
    }

    /** Contributions to the predicted class of each example (the output unit with the largest logit). */
    public Attribution explainPredicted(List<INDArray> inputs, List<INDArray> references) {
        return explainPredicted(inputs, references, null);
    }

    /** {@link #explainPredicted(List, List)} with feature masks (see {@link #explain(List, List, List, Target)}). */
    public Attribution explainPredicted(List<INDArray> inputs, List<INDArray> references, List<INDArray> masks) {
        requireSingle("output", model.outputCount());
        requireUnitsWithoutSteps(0, "explaining the predicted class");
        Checked c = check(inputs, references, masks);
        return runner(c, "predicted class").run(c.graphInputs(), c.graphReferences(), model.outputNode(0),
                List.of(Seed.predicted(settings.softmaxNormalized())), -1).get(0);
    }

    /** One result per unit, each unit explained for every example, all from one forward pass. */
    public List<Attribution> explainTargets(List<INDArray> inputs, List<INDArray> references, int... units) {
        return explainTargets(inputs, references, null, units);
    }

    /** {@link #explainTargets(List, List, int...)} with feature masks. */
    public List<Attribution> explainTargets(List<INDArray> inputs, List<INDArray> references, List<INDArray> masks,
                                            int... units) {
        requireSingle("output", model.outputCount());
        requireUnitsWithoutSteps(0, "explainTargets");
        Checked c = check(inputs, references, masks);
        List<Seed> seeds = new ArrayList<>();
        for (int unit : checkedNotNull(units)) {
            int[] t = Validator.targets(filled((int) c.examples(), unit), c.examples(), model.outputUnits().get(0));
            seeds.add(Seed.units(t, settings.softmaxNormalized()));
        }
        return runner(c, "").run(c.graphInputs(), c.graphReferences(), model.outputNode(0), seeds, -1);
    }

    /**
     * Layer attribution: the contributions of a hidden layer's activations to a target of the single output, i.e.
     * multipliers at that layer times its activation differences; the layer's output shape.
     *
     * @param layer a name the model knows ({@link ExplainedModel#layerNode})
     */
    public Attribution explainLayer(List<INDArray> inputs, List<INDArray> references, int target, String layer) {
        return explainLayer(inputs, references, null, Target.of(0, target), layer);
    }

    /** {@link #explainLayer(List, List, int, String)} for any target, with feature masks. */
    public Attribution explainLayer(List<INDArray> inputs, List<INDArray> references, List<INDArray> masks,
                                    Target target, String layer) {
        int output = outputIndex(target);
        int at = model.layerNode(layer);
        Checked c = check(inputs, references, masks);
        Seed seed = seed(output, target, c.examples());
        return runner(c, "scores on layer " + layer).run(c.graphInputs(), c.graphReferences(),
                model.outputNode(output), List.of(seed), at).get(0);
    }

    /**
     * Neuron attribution: the contributions of the inputs to one unit of a hidden layer's output (after its
     * activation) as the target.
     *
     * @param unit an index into the layer's flattened per-example output (for a sequence layer {@code u·T + t} in
     *             NCW, {@code t·C + u} in NWC; {@link #explainNeuron(List, List, List, String, int, int)} takes the
     *             unit and the step)
     */
    public Attribution explainNeuron(List<INDArray> inputs, List<INDArray> references, String layer, int unit) {
        return explainNeuron(inputs, references, null, layer, unit);
    }

    /** {@link #explainNeuron(List, List, String, int)} with feature masks. */
    public Attribution explainNeuron(List<INDArray> inputs, List<INDArray> references, List<INDArray> masks,
                                     String layer, int unit) {
        int from = model.layerNode(layer);
        Checked c = check(inputs, references, masks);
        Validator.targets(filled((int) c.examples(), unit), c.examples(), -1);
        return runner(c, "unit " + unit + " of layer " + layer).run(c.graphInputs(), c.graphReferences(), from,
                List.of(Seed.units(filled((int) c.examples(), unit), false)), -1).get(0);
    }

    /**
     * Neuron attribution on a layer whose output is a sequence: unit {@code unit} at time step {@code step} of its
     * output (after its activation) as the target.
     */
    public Attribution explainNeuron(List<INDArray> inputs, List<INDArray> references, List<INDArray> masks,
                                     String layer, int unit, int step) {
        int from = model.layerNode(layer);
        Layout layout = model.layerLayout(layer);
        if (layout == null) {
            throw new IllegalArgumentException("Layer \"" + layer + "\" does not output a sequence, so its units have "
                    + "no time step: use explainNeuron(inputs, references, layer, unit)");
        }
        Checked c = check(inputs, references, masks);
        if (step < 0) {
            throw new IllegalArgumentException("Time step " + step + " is out of range: steps are counted from 0");
        }
        int n = (int) c.examples();
        return runner(c, "unit " + unit + " at time step " + step + " of layer " + layer).run(c.graphInputs(),
                c.graphReferences(), from, List.of(Seed.unitsAtSteps(filled(n, unit), filled(n, step), layout, false)),
                -1).get(0);
    }

    /**
     * Contributions of the same examples against each of several references, all from one forward pass over the
     * examples: each further reference costs a forward pass over its own rows and one backward pass.
     */
    @Override
    public void explainEach(INDArray input, List<INDArray> references, int[] targets, ReferenceSink sink) {
        requireSingle("output", model.outputCount());
        requireUnitsWithoutSteps(0, "explainEach");
        if (references == null || references.isEmpty() || sink == null) {
            throw new IllegalArgumentException("explainEach needs at least one reference and a sink");
        }
        Checked first = check(single(input), single(references.get(0)), null);
        List<List<INDArray>> refs = new ArrayList<>(List.of(first.graphReferences()));
        for (int k = 1; k < references.size(); k++) {
            INDArray r = reference(0, references.get(k), first.inputs().get(0), "reference " + k);
            refs.add(first.withReferences(List.of(r)).graphReferences());
        }
        int[] t = Validator.targets(checkedNotNull(targets), first.examples(), model.outputUnits().get(0));
        runner(first, "").runEach(first.graphInputs(), refs, model.outputNode(0),
                Seed.units(t, settings.softmaxNormalized()), sink);
    }

    /**
     * Checked and cast inputs and references (one per feature input), and the masks of the graph's mask inputs (in
     * graph input order), together giving the arrays of every graph input.
     */
    private record Checked(ExplainedModel model, List<INDArray> inputs, List<INDArray> references,
                           List<INDArray> maskArrays, boolean masked) {
        long examples() {
            return inputs.get(0).size(0);
        }

        String describeReference() {
            boolean shared = references.stream().allMatch(r -> r.size(0) == 1) && examples() > 1;
            return (shared ? "one shared row" : "one per example") + (masked ? ", masked" : "");
        }

        /** One array per graph input: features and masks in graph order. */
        List<INDArray> graphInputs() {
            return interleave(inputs);
        }

        /** One reference per graph input; a mask is its own reference. */
        List<INDArray> graphReferences() {
            return interleave(references);
        }

        Checked withReferences(List<INDArray> other) {
            return new Checked(model, inputs, other, maskArrays, masked);
        }

        private List<INDArray> interleave(List<INDArray> features) {
            List<INDArray> out = new ArrayList<>();
            int f = 0;
            int m = 0;
            for (int i : model.graph().inputIndices()) {
                boolean mask = ((InputNode) model.graph().entry(i).node()).isMask();
                out.add(mask ? maskArrays.get(m++) : features.get(f++));
            }
            return out;
        }
    }

    private Checked check(List<INDArray> inputs, List<INDArray> references) {
        return check(inputs, references, null);
    }

    private Checked check(List<INDArray> inputs, List<INDArray> references, List<INDArray> masks) {
        if (inputs == null || references == null) {
            throw new IllegalArgumentException("inputs and references must not be null");
        }
        if (inputs.size() != model.inputCount() || references.size() != model.inputCount()) {
            throw new IllegalArgumentException("The network has " + model.inputCount() + " input"
                    + (model.inputCount() == 1 ? "" : "s") + "; got " + inputs.size() + " inputs and "
                    + references.size() + " references");
        }
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> refs = new ArrayList<>();
        for (int k = 0; k < inputs.size(); k++) {
            String what = inputs.size() == 1 ? "input" : "input " + k;
            String refWhat = inputs.size() == 1 ? "reference" : "reference " + k;
            InputNode spec = model.input(k);
            xs.add(spec.isTokens() ? Validator.tokens(inputs.get(k), spec.tokenSpec(), model.dataType(), what)
                    : Validator.input(inputs.get(k), spec, model.dataType(), what));
            refs.add(reference(k, references.get(k), xs.get(k), refWhat));
            if (xs.get(k).size(0) != xs.get(0).size(0)) {
                throw new IllegalArgumentException("input " + k + " has " + xs.get(k).size(0)
                        + " examples but input 0 has " + xs.get(0).size(0));
            }
        }
        List<long[]> shapes = xs.stream().map(x -> Arrays.copyOfRange(x.shape(), 1, x.rank())).toList();
        String problem = model.shapeCheck().problem(shapes);
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (masks != null && masks.size() != xs.size()) {
            throw new IllegalArgumentException("Got " + masks.size() + " feature masks for " + xs.size()
                    + " inputs: give one per input (null for an input without one)");
        }
        long n = xs.get(0).size(0);
        List<INDArray> checkedMasks = new ArrayList<>();
        for (int k = 0; k < xs.size(); k++) {
            checkedMasks.add(masks == null || masks.get(k) == null ? null
                    : Validator.mask(masks.get(k), n, -1, model.dataType(), xs.size() == 1 ? "featureMask"
                    : "featureMask " + k));
        }
        List<INDArray> maskArrays = new ArrayList<>();
        for (int i : model.graph().inputIndices()) {
            InputNode node = (InputNode) model.graph().entry(i).node();
            if (node.isMask()) {
                INDArray x = xs.get(node.maskedInput());
                long steps = x.size(node.timeAxis());
                INDArray given = checkedMasks.get(node.maskedInput());
                if (given != null && node.maskRefusal() != null) {
                    throw new dev.deeplift.core.UnsupportedLayerException(node.maskRefusal());
                }
                if (given != null && given.size(1) != steps) {
                    throw new IllegalArgumentException("featureMask has shape " + Arrays.toString(given.shape())
                            + " but the input has " + steps + " time steps: it must be [N, T] = [" + n + ", "
                            + steps + "]");
                }
                // Without a mask every step is real: the same as DL4J's unmasked computation.
                maskArrays.add(given != null ? given : Nd4j.ones(model.dataType(), n, steps));
            }
        }
        boolean masked = checkedMasks.stream().anyMatch(java.util.Objects::nonNull);
        return new Checked(model, xs, refs, maskArrays, masked);
    }

    /** A checked reference for feature input {@code k}: tokens or embedding-space vectors for a token input. */
    private INDArray reference(int k, INDArray reference, INDArray x, String what) {
        InputNode spec = model.input(k);
        return spec.isTokens() ? Validator.tokenReference(reference, x, spec.tokenSpec(), model.dataType(), what)
                : Validator.reference(reference, x, model.dataType(), what);
    }

    private ExplainRunner runner(Checked c, String what) {
        return new ExplainRunner(propagator, model.featureInputs(), settings.chunkSize(), automaticChunk,
                settings.expectsSummation(), settings.layerChecks(), provenance(c.describeReference(), what));
    }

    /** The provenance of a result against references described as given. */
    public Provenance provenance(String reference, String what) {
        boolean deepLift = settings.method().equals("DeepLIFT");
        String details = settings.softmaxNormalized() ? "softmax-normalized target" : "";
        if (!what.isEmpty()) {
            details = details.isEmpty() ? what : details + "; " + what;
        }
        return Provenance.of(settings.method(), deepLift ? settings.policy() : null,
                deepLift ? settings.maxPoolMode() : null, reference, model.dataType(), model.description(), details);
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

    private static List<INDArray> single(INDArray a) {
        return Arrays.asList(a);
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

    /** Refuses a call that needs a single input or output on a model with several. */
    public void requireSingle(String what, int count) {
        if (count != 1) {
            throw new IllegalArgumentException("This network has " + count + " " + what + "s "
                    + (what.equals("output") ? model.outputNames() + ": name the output with a Target"
                    : ": pass one array per input (the INDArray[] forms)"));
        }
    }

    @Override
    public String toString() {
        String chunk = settings.chunkSize() > 0 ? String.valueOf(settings.chunkSize()) : "auto";
        return model.description() + ", " + provenance("", "").describeMethod()
                + (settings.softmaxNormalized() ? ", softmax-normalized target" : "") + ", chunk=" + chunk;
    }
}
