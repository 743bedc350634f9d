package dev.deeplift.core.engine;

import dev.deeplift.core.Layout;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraph;
import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * A DL4J network converted to a {@link NodeGraph}: what the explainer runs, plus what it needs to check inputs and
 * targets before any work.
 *
 * @param graph            the rule nodes, reading the network's parameters
 * @param dataType         the network's data type; inputs of another floating type are cast to it
 * @param outputUnits      units per output (in the graph's output order), {@code -1} where unknown
 * @param outputActivation the activation after the targets (e.g. softmax), or null
 * @param description      e.g. {@code MultiLayerNetwork(3 layers)}
 * @param outputNames      the network's names of its outputs, in order
 * @param layerNodes       for each layer (by name, and by index in a MultiLayerNetwork) or vertex, the node
 *                         holding its output (before the output activation for output layers)
 * @param shapeCheck       the model's check of the example shapes it is given, beyond its input nodes
 * @param sequenceNodes    the layout of every node whose activations are sequences ({@code [N, C, T]} or
 *                         {@code [N, T, C]}), by node name: what per-step targets index
 */
public record ExplainedModel(NodeGraph graph, DataType dataType, List<Long> outputUnits,
                             IActivation outputActivation, String description, List<String> outputNames,
                             java.util.Map<String, String> layerNodes, ShapeCheck shapeCheck,
                             java.util.Map<String, Layout> sequenceNodes) {

    /** A model without sequence outputs or layers. */
    public ExplainedModel(NodeGraph graph, DataType dataType, List<Long> outputUnits, IActivation outputActivation,
                          String description, List<String> outputNames, java.util.Map<String, String> layerNodes,
                          ShapeCheck shapeCheck) {
        this(graph, dataType, outputUnits, outputActivation, description, outputNames, layerNodes, shapeCheck,
                java.util.Map.of());
    }

    /** A model whose input nodes say every shape it takes. */
    public ExplainedModel(NodeGraph graph, DataType dataType, List<Long> outputUnits, IActivation outputActivation,
                          String description, List<String> outputNames, java.util.Map<String, String> layerNodes) {
        this(graph, dataType, outputUnits, outputActivation, description, outputNames, layerNodes, ShapeCheck.NONE);
    }

    /** The input node of feature input {@code k} (the k-th graph input that is not a mask). */
    public InputNode input(int k) {
        return (InputNode) graph.entry(featureInputs().get(k)).node();
    }

    /** Node indices of the graph inputs that are features (scored), in order. */
    public List<Integer> featureInputs() {
        return graph.inputIndices().stream().filter(i -> !((InputNode) graph.entry(i).node()).isMask()).toList();
    }

    /** True if some input is a sequence whose feature mask the network applies. */
    public boolean takesMasks() {
        return graph.inputIndices().stream().anyMatch(i -> ((InputNode) graph.entry(i).node()).isMask());
    }

    /** Number of outputs. */
    public int outputCount() {
        return outputNames.size();
    }

    /** The node index of output {@code k}. */
    public int outputNode(int k) {
        return graph.outputIndices().values().stream().skip(k).findFirst().orElseThrow();
    }

    /** The node index holding a layer's output, by its name (or index in a MultiLayerNetwork). */
    public int layerNode(String layer) {
        String node = layerNodes.get(layer);
        if (node == null) {
            throw new IllegalArgumentException("No layer or vertex \"" + layer + "\"; known: " + layerNodes.keySet());
        }
        return graph.indexOf(node);
    }

    /** The layout of output {@code k} if it is a sequence (per-step units), else null. */
    public Layout outputLayout(int k) {
        return sequenceNodes.get(graph.entry(outputNode(k)).name());
    }

    /** The layout of a layer's output if it is a sequence, else null. */
    public Layout layerLayout(String layer) {
        return sequenceNodes.get(graph.entry(layerNode(layer)).name());
    }

    /** Number of feature (non-mask) inputs: the arrays a caller passes. */
    public int inputCount() {
        return featureInputs().size();
    }
}
