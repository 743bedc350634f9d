package dev.deeplift.core.graph;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An immutable DAG of named {@link RuleNode}s in topological order, with named inputs and outputs.
 * Built with {@link NodeGraphBuilder}.
 */
public final class NodeGraph {

    /**
     * One node with the indices of the nodes feeding it.
     *
     * @param name   unique name, e.g. the DL4J layer's name and index
     * @param node   the node, or an {@link InputNode} for a graph input
     * @param inputs indices (into {@link #entries()}) of the nodes feeding it
     * @param layer  the name of the layer or vertex the node belongs to (several nodes may share it), or null
     */
    public record Entry(String name, RuleNode node, int[] inputs, String layer) {
    }

    private final List<Entry> entries;
    private final List<Integer> inputIndices;
    private final Map<String, Integer> outputIndices;
    private final List<List<Integer>> consumers;
    private final Map<String, Integer> byName = new java.util.HashMap<>();

    NodeGraph(List<Entry> entries, List<Integer> inputIndices, Map<String, Integer> outputIndices) {
        this.entries = List.copyOf(entries);
        this.inputIndices = List.copyOf(inputIndices);
        this.outputIndices = Collections.unmodifiableMap(new LinkedHashMap<>(outputIndices));
        List<List<Integer>> c = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            c.add(new ArrayList<>());
        }
        for (int i = 0; i < entries.size(); i++) {
            for (int in : entries.get(i).inputs()) {
                c.get(in).add(i);
            }
        }
        this.consumers = c.stream().map(List::copyOf).toList();
        for (int i = 0; i < entries.size(); i++) {
            byName.put(entries.get(i).name(), i);
        }
    }

    /** The layer names the nodes belong to, in order of first appearance. */
    public java.util.Set<String> layers() {
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        for (Entry e : entries) {
            if (e.layer() != null) {
                names.add(e.layer());
            }
        }
        return names;
    }

    /** The index of the node with that name, or -1. */
    public int indexOf(String name) {
        return byName.getOrDefault(name, -1);
    }

    /** All nodes in topological order. */
    public List<Entry> entries() {
        return entries;
    }

    /** Number of nodes. */
    public int size() {
        return entries.size();
    }

    /** The entry at an index. */
    public Entry entry(int index) {
        return entries.get(index);
    }

    /** Indices of the graph inputs, in the order explain takes them. */
    public List<Integer> inputIndices() {
        return inputIndices;
    }

    /** Output names and their node indices, in order. */
    public Map<String, Integer> outputIndices() {
        return outputIndices;
    }

    /** Indices of the nodes that read node {@code index}. */
    public List<Integer> consumers(int index) {
        return consumers.get(index);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("NodeGraph{\n");
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            sb.append("  ").append(i).append(' ').append(e.name()).append(" = ").append(e.node())
                    .append(" <- ").append(java.util.Arrays.toString(e.inputs())).append('\n');
        }
        return sb.append("  outputs ").append(outputIndices).append("\n}").toString();
    }
}
