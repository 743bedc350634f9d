package dev.deeplift.dl4j.convert;

import dev.deeplift.core.Layout;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.graph.TokenSpec;
import dev.deeplift.core.nodes.ElementwiseNode;
import org.nd4j.linalg.activations.IActivation;

/**
 * The state of converting a chain of DL4J layers: the node graph so far, the node the next layer reads, the layer
 * being converted (for error messages that say where), and the network's output activation once found.
 */
public final class ConversionContext {
    private final NodeGraphBuilder builder;
    private String current;
    private int layerIndex = -1;
    private String layerName;
    private String layerClass;
    private boolean lastLayer;
    private boolean hasConsumers;
    private int nodeCount;
    private IActivation outputActivation;
    private String outputNode;
    private java.util.List<String> inputs;
    private String mask;
    private java.util.List<String> inputMasks;
    private final java.util.Map<Integer, String> maskInputs = new java.util.HashMap<>();
    private Layout sequence;
    private boolean perStep;
    private final java.util.Map<String, Layout> sequenceNodes = new java.util.LinkedHashMap<>();
    private final java.util.List<String> networkInputs = new java.util.ArrayList<>();
    private final java.util.Map<String, Layout> networkInputLayouts = new java.util.HashMap<>();

    /** @param builder the graph being built; @param input the node the first layer reads */
    public ConversionContext(NodeGraphBuilder builder, String input) {
        this.builder = builder;
        this.current = input;
    }

    /** Starts converting a layer; {@code last} if its output is a network output. */
    public void beginLayer(int index, String name, String className, boolean last) {
        beginLayer(index, name, className, last, false);
    }

    /**
     * Starts converting a layer whose output is a network output ({@code last}) and may also feed other vertices
     * ({@code hasConsumers}): the output is then taken before the activation, which the consumers still get.
     */
    public void beginLayer(int index, String name, String className, boolean last, boolean hasConsumers) {
        this.layerIndex = index;
        this.layerName = name;
        this.layerClass = className;
        this.lastLayer = last;
        this.hasConsumers = hasConsumers;
        this.outputActivation = null;
        this.outputNode = null;
        this.inputs = null;
        this.inputMasks = null;
        builder.inLayer(name);
    }

    /** The name of the node the next node will read. */
    public String current() {
        return current;
    }

    /** Makes a named node the one the next node reads (for graphs whose layers read other vertices). */
    public void setCurrent(String node) {
        this.current = node;
    }

    /** Appends a node reading the current node, and makes it current. */
    public void add(String what, RuleNode node) {
        add(what, node, current);
    }

    /**
     * Appends a node reading the named nodes (e.g. the inputs of a graph vertex, {@link #inputs()}), and makes it
     * current.
     *
     * @return the new node's name
     */
    public String add(String what, RuleNode node, String... inputs) {
        String name = "L" + layerIndex + (layerName == null ? "" : ":" + layerName) + "/" + what + "#" + nodeCount++;
        builder.addNode(name, node, inputs);
        current = name;
        return name;
    }

    /**
     * The graph input carrying the {@code [N, T]} feature mask of feature input {@code featureInput} (added on first
     * use; without a user's mask the engine feeds it ones).
     *
     * @param timeAxis that input's axis of time steps, counting the batch axis, or -1 for its last axis
     */
    public String maskInput(int featureInput, int timeAxis) {
        return maskInputs.computeIfAbsent(featureInput, k -> {
            String name = "mask" + (k == 0 ? "" : String.valueOf(k));
            builder.inLayer(null);
            builder.addInput(name, InputNode.maskOf(k, timeAxis));
            builder.inLayer(layerName);
            return name;
        });
    }

    /**
     * The node carrying the feature mask of the current activations, or null if they are not masked. A converter
     * that reads it takes on the masked computation of its layer as DL4J's {@code output()} does it; a layer class
     * whose converter does is declared with {@link LayerMasks#registerMaskAware}.
     */
    public String mask() {
        return mask;
    }

    /** Sets (or clears, with null) the node carrying the feature mask of the current activations. */
    public void setMask(String node) {
        this.mask = node;
    }

    /**
     * Marks the network input the current layer reads as token indices for an embedding layer and returns its
     * position among the network's (non-mask) inputs. Several embedding layers may read one input (the smaller
     * vocabulary then bounds its indices).
     *
     * @throws dev.deeplift.core.UnsupportedLayerException if the current layer does not read a network input
     *                                                     directly
     */
    public int tokenInput(TokenSpec spec) {
        InputNode in = builder.input(current);
        if (in == null || in.isMask()) {
            throw unsupported("an embedding layer must read a network input of token indices directly (here it reads "
                    + "the output of another layer or preprocessor: indices computed inside the network have no "
                    + "exact DeepLIFT rule)");
        }
        TokenSpec merged = spec;
        if (in.isTokens()) {
            try {
                merged = in.tokenSpec().merge(spec);
            } catch (IllegalArgumentException e) {
                throw unsupported(e.getMessage());
            }
        }
        builder.replaceInput(current, InputNode.tokens(merged));
        int position = 0;
        for (String name : builder.inputNames()) {
            if (name.equals(current)) {
                return position;
            }
            position += builder.input(name).isMask() ? 0 : 1;
        }
        throw new IllegalStateException("input " + current + " not found");
    }

    /**
     * The nodes carrying the masks of the current vertex's inputs, in its input order (null for unmasked ones); for a
     * layer, its input's.
     */
    public java.util.List<String> inputMasks() {
        return inputMasks == null ? java.util.Collections.singletonList(mask) : inputMasks;
    }

    /** Sets the masks of the inputs of the vertex being converted (null entries for unmasked inputs). */
    public void setInputMasks(java.util.List<String> masks) {
        this.inputMasks = masks == null ? null
                : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(masks));
    }

    /** Appends a node reading the named nodes without making it current (a mask the layer reads); its name. */
    String addBeside(String what, RuleNode node, String... inputs) {
        String keep = current;
        String name = add(what, node, inputs);
        current = keep;
        return name;
    }

    /**
     * The layout of the current activations if they are sequences ({@code [N, C, T]} or {@code [N, T, C]}), else
     * null.
     */
    public Layout sequence() {
        return sequence;
    }

    /** Sets (or clears, with null) the layout of the current activations. */
    public void setSequence(Layout layout) {
        this.sequence = layout;
    }

    /**
     * True between DL4J's {@code RnnToFeedForward} and {@code FeedForwardToRnn} preprocessors on sequences, where
     * DL4J folds time steps into the batch ({@code [N·T, C]}) and feed-forward layers act on every step alone: here
     * the activations stay {@code [N, C, T]} sequences and those layers become per-step maps.
     */
    public boolean perStep() {
        return perStep;
    }

    /** Enters or leaves the per-step mode ({@link #perStep()}). */
    public void setPerStep(boolean on) {
        this.perStep = on;
    }

    /** Records that a node's activations are sequences in a layout (what per-step targets index). */
    public void markSequence(String node, Layout layout) {
        if (layout != null) {
            sequenceNodes.put(node, layout);
        }
    }

    /** The nodes recorded by {@link #markSequence}. */
    public java.util.Map<String, Layout> sequenceNodes() {
        return java.util.Collections.unmodifiableMap(sequenceNodes);
    }

    /**
     * Declares the network's inputs (a ComputationGraph's, in order; their graph nodes have the same names), with
     * the layout of those known to be sequences (null entries otherwise).
     */
    public void setNetworkInputs(java.util.List<String> names, java.util.List<Layout> layouts) {
        networkInputs.clear();
        networkInputs.addAll(names);
        for (int k = 0; k < names.size(); k++) {
            if (layouts.get(k) != null) {
                networkInputLayouts.put(names.get(k), layouts.get(k));
            }
        }
    }

    /** The graph node of a network input, by its name. */
    public String networkInput(String name) {
        if (!networkInputs.contains(name)) {
            throw unsupported("it names \"" + name + "\", which is not a network input " + networkInputs);
        }
        return name;
    }

    /** The layout of a network input if it is known to be a sequence, else null. */
    public Layout networkInputLayout(String name) {
        return networkInputLayouts.get(name);
    }

    /**
     * The mask input of a network input, by its name (created on first use, with the input's time axis, axis 2 if
     * its layout is not known).
     */
    public String networkInputMask(String name) {
        int k = networkInputs.indexOf(networkInput(name));
        Layout layout = networkInputLayouts.get(name);
        return maskInput(k, layout == null ? 2 : layout.widthAxis());
    }

    /** The name of the current layer or vertex, or null if unnamed. */
    public String layerName() {
        return layerName;
    }

    /** The nodes feeding the current graph vertex, in its input order (one for a layer: the current node). */
    public java.util.List<String> inputs() {
        return inputs == null ? java.util.List.of(current) : inputs;
    }

    /** Sets the nodes feeding the vertex being converted. */
    public void setInputs(java.util.List<String> nodes) {
        this.inputs = java.util.List.copyOf(nodes);
        if (nodes.size() == 1) {
            current = nodes.get(0);
        }
    }

    /**
     * Appends the layer's activation. On the network's last layer it is not appended but kept as the output
     * activation: targets are scored before it.
     */
    public void addActivation(IActivation activation) {
        if (lastLayer) {
            outputActivation = activation;
            outputNode = current;
            if (!hasConsumers) {
                return;
            }
        }
        ElementwiseFunction f = ElementwiseFunctions.fromActivation(activation)
                .orElseThrow(() -> unsupported("activation " + activation
                        + " is not elementwise (or not known to be); only the network's last layer may use it"));
        if (!f.isIdentity()) {
            add(f.name(), new ElementwiseNode(f));
        }
    }

    /** The node holding the current layer's output targets: before its output activation, if it had one. */
    public String outputNode() {
        return outputNode != null ? outputNode : current;
    }

    /** The output activation (of the last layer), or null if the network ends in no activation. */
    public IActivation outputActivation() {
        return outputActivation;
    }

    /** True while converting the network's last layer. */
    public boolean isLastLayer() {
        return lastLayer;
    }

    /** Where the current layer is, e.g. {@code layer 2 "dense" (DenseLayer)}. */
    public String where() {
        return "layer " + layerIndex + (layerName == null ? "" : " \"" + layerName + "\"") + " (" + layerClass + ")";
    }

    /** An error saying what is unsupported about the current layer. */
    public UnsupportedLayerException unsupported(String what) {
        return new UnsupportedLayerException("Cannot explain " + where() + ": " + what);
    }
}
