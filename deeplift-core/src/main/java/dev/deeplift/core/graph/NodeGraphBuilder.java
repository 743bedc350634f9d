package dev.deeplift.core.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link NodeGraph} like DL4J's {@code GraphBuilder}: each node names the nodes it reads, which must
 * already be defined, so the order of calls is a topological order.
 *
 * <pre>{@code
 * NodeGraph g = new NodeGraphBuilder()
 *     .addInput("in", new InputNode(4))
 *     .addNode("dense", new LinearNode(LayerKind.DENSE, new DenseOp(w, b)), "in")
 *     .addNode("relu", new ElementwiseNode(ElementwiseFunctions.relu()), "dense")
 *     .setOutputs("relu")
 *     .build();
 * }</pre>
 */
public final class NodeGraphBuilder {
    private final List<NodeGraph.Entry> entries = new ArrayList<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final List<Integer> inputs = new ArrayList<>();
    private final Map<String, Integer> outputs = new LinkedHashMap<>();
    private String layer;

    /**
     * Labels the nodes added from now on as belonging to a layer (e.g. a DL4J layer's name), so that a
     * {@link dev.deeplift.core.RulePolicy} can choose rules by layer name; null for none.
     */
    public NodeGraphBuilder inLayer(String layerName) {
        this.layer = layerName;
        return this;
    }

    /** Adds a graph input. */
    public NodeGraphBuilder addInput(String name, InputNode node) {
        inputs.add(add(name, node, new int[0]));
        return this;
    }

    /** Adds a node reading the named nodes. */
    public NodeGraphBuilder addNode(String name, RuleNode node, String... inputNames) {
        if (node instanceof InputNode) {
            throw new IllegalArgumentException("Use addInput for input node '" + name + "'");
        }
        if (inputNames.length == 0) {
            throw new IllegalArgumentException("Node '" + name + "' reads no input");
        }
        int[] in = new int[inputNames.length];
        for (int i = 0; i < in.length; i++) {
            Integer idx = byName.get(inputNames[i]);
            if (idx == null) {
                throw new IllegalArgumentException("Node '" + name + "' reads '" + inputNames[i]
                        + "', which is not defined yet");
            }
            in[i] = idx;
        }
        add(name, node, in);
        return this;
    }

    /**
     * Replaces a graph input's node, keeping its name and position: e.g. to mark an input as token indices once an
     * embedding layer is found to read it, or a mask input as refusing masks.
     */
    public NodeGraphBuilder replaceInput(String name, InputNode node) {
        Integer idx = byName.get(name);
        if (idx == null || !(entries.get(idx).node() instanceof InputNode)) {
            throw new IllegalArgumentException("'" + name + "' is not a graph input");
        }
        NodeGraph.Entry e = entries.get(idx);
        entries.set(idx, new NodeGraph.Entry(e.name(), node, e.inputs(), e.layer()));
        return this;
    }

    /** The input node of that name, or null if no graph input has it. */
    public InputNode input(String name) {
        Integer idx = byName.get(name);
        return idx != null && entries.get(idx).node() instanceof InputNode in ? in : null;
    }

    /** The names of the graph inputs, in order. */
    public List<String> inputNames() {
        return inputs.stream().map(i -> entries.get(i).name()).toList();
    }

    /** True if a node of that name exists. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Names the outputs (targets are units of these), in order. */
    public NodeGraphBuilder setOutputs(String... names) {
        outputs.clear();
        for (String n : names) {
            Integer idx = byName.get(n);
            if (idx == null) {
                throw new IllegalArgumentException("Output '" + n + "' is not a node");
            }
            outputs.put(n, idx);
        }
        return this;
    }

    /** The immutable graph. */
    public NodeGraph build() {
        if (inputs.isEmpty()) {
            throw new IllegalStateException("The graph has no input");
        }
        if (outputs.isEmpty()) {
            throw new IllegalStateException("The graph has no output");
        }
        checkTokenReaders();
        return new NodeGraph(entries, inputs, outputs);
    }

    /** Token inputs feed only nodes that read tokens (embedding lookups), and those read a token input first. */
    private void checkTokenReaders() {
        for (NodeGraph.Entry e : entries) {
            for (int k = 0; k < e.inputs().length; k++) {
                RuleNode source = entries.get(e.inputs()[k]).node();
                boolean tokens = source instanceof InputNode in && in.isTokens();
                if (tokens && (k != 0 || !e.node().readsTokens())) {
                    throw new dev.deeplift.core.UnsupportedLayerException("Cannot explain "
                            + (e.layer() == null ? "node " + e.name() : "layer \"" + e.layer() + "\"") + ": it reads "
                            + "the input \"" + entries.get(e.inputs()[k]).name() + "\", which holds token indices for "
                            + "an embedding layer; token indices can only feed embedding layers");
                }
                if (k == 0 && e.node().readsTokens() && !tokens) {
                    throw new dev.deeplift.core.UnsupportedLayerException("Cannot explain "
                            + (e.layer() == null ? "node " + e.name() : "layer \"" + e.layer() + "\"")
                            + ": an embedding layer must read a network input of token indices directly");
                }
            }
        }
    }

    private int add(String name, RuleNode node, int[] in) {
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("Duplicate node name '" + name + "'");
        }
        int idx = entries.size();
        entries.add(new NodeGraph.Entry(name, node, in, layer));
        byName.put(name, idx);
        return idx;
    }
}
