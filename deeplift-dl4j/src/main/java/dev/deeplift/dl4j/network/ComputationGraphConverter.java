package dev.deeplift.dl4j.network;

import dev.deeplift.core.engine.ExplainedModel;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.dl4j.convert.ConversionContext;
import dev.deeplift.dl4j.convert.PreprocessorConverter;
import dev.deeplift.dl4j.convert.Converters;
import dev.deeplift.dl4j.convert.VertexConverter;
import dev.deeplift.dl4j.convert.VertexConverters;
import dev.deeplift.dl4j.convert.LayerMasks;
import dev.deeplift.dl4j.convert.Sequences;
import dev.deeplift.core.Layout;
import dev.deeplift.core.nodes.MaskMergeNode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.MergeVertex;
import org.deeplearning4j.nn.conf.graph.PoolHelperVertex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.graph.FrozenVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * Converts a {@link ComputationGraph} into an {@link ExplainedModel}: vertices in DL4J's topological order,
 * each {@code LayerVertex} through the same per-layer converters as a MultiLayerNetwork. A vertex read by several
 * others is computed once; the engine sums the multipliers its readers send back.
 */
public final class ComputationGraphConverter {
    private ComputationGraphConverter() {
    }

    /** @throws dev.deeplift.core.UnsupportedLayerException naming the first vertex without an exact rule */
    public static ExplainedModel convert(ComputationGraph graph) {
        if (graph == null) {
            throw new IllegalArgumentException("graph is null");
        }
        if (graph.getVertices() == null) {
            throw new IllegalStateException("The ComputationGraph was never initialised: call graph.init() first");
        }
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, List<String>> vertexInputs = conf.getVertexInputs();
        List<String> networkInputs = conf.getNetworkInputs();
        List<String> networkOutputs = conf.getNetworkOutputs();
        Map<String, Integer> consumers = new HashMap<>();
        vertexInputs.values().forEach(ins -> ins.forEach(i -> consumers.merge(i, 1, Integer::sum)));
        // An output reached through identity layers only (a softmax ActivationLayer, then a LossLayer) has its
        // targets at the layer before them.
        Map<String, String> effectiveOutput = new HashMap<>();
        for (String o : networkOutputs) {
            effectiveOutput.put(o, throughIdentityTail(o, conf, consumers));
        }
        java.util.Set<String> outputLayers = new java.util.HashSet<>(effectiveOutput.values());

        NodeGraphBuilder builder = new NodeGraphBuilder();
        for (String in : networkInputs) {
            builder.addInput(in, inputNode(in, conf, vertexInputs));
        }
        ConversionContext ctx = new ConversionContext(builder, networkInputs.get(0));
        Map<String, String> nodeOf = new HashMap<>();
        networkInputs.forEach(in -> nodeOf.put(in, in));
        Map<String, String> outputNodeOf = new HashMap<>();
        Map<String, IActivation> outputActivationOf = new HashMap<>();
        Map<String, Long> unitsOf = new HashMap<>();
        // Per vertex: the layout of its output if a sequence, whether in per-step mode, and its mask node (as DL4J's
        // setLayerMaskArrays propagates the feature masks of the network inputs).
        Map<String, Layout> sequenceOf = new HashMap<>();
        Map<String, Boolean> perStepOf = new HashMap<>();
        Map<String, String> maskOf = new HashMap<>();
        List<Layout> inputLayouts = new ArrayList<>();
        for (String in : networkInputs) {
            inputLayouts.add(sequenceInput(in, conf, vertexInputs));
        }
        ctx.setNetworkInputs(networkInputs, inputLayouts);
        for (int k = 0; k < networkInputs.size(); k++) {
            if (inputLayouts.get(k) != null) {
                sequenceOf.put(networkInputs.get(k), inputLayouts.get(k));
                maskOf.put(networkInputs.get(k), ctx.networkInputMask(networkInputs.get(k)));
            }
        }

        int index = 0;
        String previous = null;
        for (int v : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[v].getVertexName();
            String before = previous;
            previous = name;
            if (networkInputs.contains(name)) {
                continue;
            }
            GraphVertex vc = unwrap(conf.getVertices().get(name));
            List<String> from = vertexInputs.get(name);
            List<String> ins = from.stream().map(nodeOf::get).toList();
            boolean isOutput = outputLayers.contains(name);
            boolean tailed = isOutput && !networkOutputs.contains(name);
            String where = "vertex " + index + " \"" + name + "\"";
            ctx.setSequence(sequenceOf.get(from.get(0)));
            ctx.setPerStep(perStepOf.getOrDefault(from.get(0), false));
            boolean orMasks = vc instanceof MergeVertex || vc instanceof ElementWiseVertex
                    || vc instanceof PoolHelperVertex;
            if (vc instanceof LayerVertex lv) {
                Layer layer = unwrapLayer(lv.getLayerConf().getLayer());
                ctx.beginLayer(index, name, layer.getClass().getSimpleName(), isOutput,
                        !tailed && consumers.getOrDefault(name, 0) > 0);
                ins = formatSwitched(conf, before, name, ins, ctx);
                ctx.setMask(maskOf.get(from.get(0)));
                ctx.setCurrent(ins.size() == 1 ? ins.get(0)
                        : VertexConverters.concatInputs(builder, name + "/inputs", ins.toArray(String[]::new)));
                if (lv.getPreProcessor() != null) {
                    PreprocessorConverter.convert(lv.getPreProcessor(), ctx);
                }
                LayerMasks.beforeLayer(layer, ctx);
                MultiLayerNetworkConverter.convertLayer(unwrapRuntime(graph.getLayer(name)), layer, ctx);
                if (isOutput) {
                    outputNodeOf.put(name, ctx.outputNode());
                    outputActivationOf.put(name, ctx.outputActivation());
                    unitsOf.put(name, MultiLayerNetworkConverter.unitsAfter(layer, -1));
                    ctx.markSequence(ctx.outputNode(), ctx.sequence());
                }
                nodeOf.put(name, ctx.current());
            } else if (vc instanceof PreprocessorVertex pv) {
                ctx.beginLayer(index, name, "PreprocessorVertex", false);
                ctx.setMask(maskOf.get(from.get(0)));
                ctx.setCurrent(single(ins, where));
                PreprocessorConverter.convert(pv.getPreProcessor(), ctx);
                nodeOf.put(name, ctx.current());
            } else {
                ctx.beginLayer(index, name, vc.getClass().getSimpleName(), false);
                ctx.setMask(orMasks ? anyMaskOr(from, maskOf, builder, name) : maskOf.get(from.get(0)));
                ctx.setInputs(ins);
                ctx.setInputMasks(from.stream().map(maskOf::get).toList());
                convertVertex(vc, graph.getVertex(name), ctx);
                nodeOf.put(name, ctx.current());
            }
            sequenceOf.put(name, ctx.sequence());
            perStepOf.put(name, ctx.perStep());
            if (ctx.mask() != null) {
                maskOf.put(name, ctx.mask());
            }
            ctx.markSequence(nodeOf.get(name), ctx.sequence());
            if (isOutput && !outputNodeOf.containsKey(name)) {
                outputNodeOf.put(name, nodeOf.get(name));
                unitsOf.put(name, -1L);
            }
            index++;
        }
        builder.setOutputs(networkOutputs.stream().map(o -> outputNodeOf.get(effectiveOutput.get(o)))
                .toArray(String[]::new));
        List<Long> units = new ArrayList<>();
        networkOutputs.forEach(o -> units.add(unitsOf.get(effectiveOutput.get(o))));
        IActivation firstActivation = outputActivationOf.get(effectiveOutput.get(networkOutputs.get(0)));
        List<String> order = new ArrayList<>();
        for (int v : graph.topologicalSortOrder()) {
            order.add(graph.getVertices()[v].getVertexName());
        }
        DataType dataType = MultiLayerNetworkConverter.dataType(graph.numParams(), graph.params(),
                graph.getConfiguration().getDataType());
        return new ExplainedModel(builder.build(), dataType, units, firstActivation,
                "ComputationGraph(" + conf.getVertices().size() + " vertices)", List.copyOf(networkOutputs),
                Map.copyOf(nodeOf), InputShapes.forGraph(conf, order), Map.copyOf(ctx.sequenceNodes()));
    }

    /**
     * The mask a merge or element-wise vertex passes on in DL4J: none unless every input is masked, else the OR of
     * the inputs' masks (one node when they are all the same).
     */
    private static String anyMaskOr(List<String> from, Map<String, String> maskOf, NodeGraphBuilder builder,
                                    String vertex) {
        java.util.LinkedHashSet<String> masks = new java.util.LinkedHashSet<>();
        for (String f : from) {
            String m = maskOf.get(f);
            if (m == null) {
                return null;
            }
            masks.add(m);
        }
        if (masks.size() == 1) {
            return masks.iterator().next();
        }
        String name = vertex + "/maskOr";
        builder.inLayer(null);
        builder.addNode(name, MaskMergeNode.or(), masks.toArray(String[]::new));
        builder.inLayer(vertex);
        return name;
    }

    /** The layout of a network input read by a layer that reads sequences or by an AttentionVertex, else null. */
    private static Layout sequenceInput(String input, ComputationGraphConfiguration conf,
                                        Map<String, List<String>> vertexInputs) {
        List<String> readers = vertexInputs.entrySet().stream().filter(e -> e.getValue().contains(input))
                .map(Map.Entry::getKey).toList();
        for (String r : readers) {
            if (conf.getVertices().get(r) instanceof org.deeplearning4j.nn.conf.graph.AttentionVertex) {
                return Layout.NCW; // queries, keys and values are read as [N, F, T]
            }
            if (conf.getVertices().get(r) instanceof LayerVertex lv) {
                Layout l = Sequences.input(unwrapLayer(lv.getLayerConf().getLayer()), lv.getPreProcessor());
                if (l != null) {
                    return l;
                }
            }
        }
        return null;
    }

    /**
     * The inputs of a layer vertex after the permutation DL4J's {@code output()} applies where the vertex before it
     * in topological order is a layer of another RNN format ({@link RnnFormatSwitch}): that vertex's activations are
     * permuted if they feed this one, and if they do not, DL4J's forward fails, so the graph is refused.
     */
    private static List<String> formatSwitched(ComputationGraphConfiguration conf, String before, String name,
                                               List<String> ins, ConversionContext ctx) {
        Layer previous = before != null && conf.getVertices().get(before) instanceof LayerVertex p
                ? p.getLayerConf().getLayer() : null;
        Layer layer = conf.getVertices().get(name) instanceof LayerVertex v ? v.getLayerConf().getLayer() : null;
        if (!RnnFormatSwitch.permutes(previous, layer)) {
            return ins;
        }
        int k = conf.getVertexInputs().get(name).lastIndexOf(before);
        if (k < 0) {
            throw ctx.unsupported("DL4J's ComputationGraph.output() cannot run this graph: it permutes the input of "
                    + "a layer whose RNN data format differs from that of the layer just before it in topological "
                    + "order (\"" + before + "\"), which does not feed it (an index error in DL4J 1.0.0-M2.1); give "
                    + "the two layers the same format");
        }
        List<String> switched = new ArrayList<>(ins);
        ctx.setCurrent(ins.get(k));
        RnnFormatSwitch.permute(ctx);
        switched.set(k, ctx.current());
        return switched;
    }

    /**
     * The vertex whose units are an output's targets: the output itself, or, where it is an identity at inference
     * (a loss layer, dropout, an identity activation) reading a layer that nothing else reads, that layer (repeated).
     */
    private static String throughIdentityTail(String output, ComputationGraphConfiguration conf,
                                              Map<String, Integer> consumers) {
        String at = output;
        while (conf.getVertices().get(at) instanceof LayerVertex lv
                && Converters.isInferenceIdentity(unwrapLayer(lv.getLayerConf().getLayer()))
                && conf.getVertexInputs().get(at).size() == 1) {
            String in = conf.getVertexInputs().get(at).get(0);
            if (!(conf.getVertices().get(in) instanceof LayerVertex) || consumers.getOrDefault(in, 0) != 1
                    || lv.getPreProcessor() != null) {
                break;
            }
            at = in;
        }
        return at;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void convertVertex(GraphVertex vertex, org.deeplearning4j.nn.graph.vertex.GraphVertex runtime,
                                      ConversionContext ctx) {
        VertexConverter converter = Converters.forVertex(vertex.getClass())
                .orElseThrow(() -> VertexConverters.unsupported(vertex, ctx));
        converter.convert(vertex, runtime, ctx);
    }

    private static String single(List<String> ins, String where) {
        if (ins.size() != 1) {
            throw new dev.deeplift.core.UnsupportedLayerException("Cannot explain " + where + ": it takes "
                    + ins.size() + " inputs where one is expected");
        }
        return ins.get(0);
    }

    private static GraphVertex unwrap(GraphVertex v) {
        while (v instanceof FrozenVertex f) {
            v = f.getUnderlying();
        }
        return v;
    }

    private static Layer unwrapLayer(Layer l) {
        while (l instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer f) {
            l = f.getLayer();
        }
        while (l instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop w) {
            l = w.getUnderlying();
        }
        return l;
    }

    private static org.deeplearning4j.nn.api.Layer unwrapRuntime(org.deeplearning4j.nn.api.Layer l) {
        return MultiLayerNetworkConverter.unwrap(l);
    }

    /** The shape an input must have, from the one layer that reads it, when the graph tells. */
    private static InputNode inputNode(String input, ComputationGraphConfiguration conf,
                                       Map<String, List<String>> vertexInputs) {
        List<String> readers = vertexInputs.entrySet().stream().filter(e -> e.getValue().contains(input))
                .map(Map.Entry::getKey).toList();
        if (readers.size() != 1 || !(conf.getVertices().get(readers.get(0)) instanceof LayerVertex lv)
                || vertexInputs.get(readers.get(0)).size() != 1) {
            return InputNode.any();
        }
        InputPreProcessor pre = lv.getPreProcessor();
        if (pre != null) {
            long[] shape = PreprocessorConverter.inputShape(pre);
            return shape == null ? InputNode.any() : new InputNode(shape);
        }
        return InputShapes.of(unwrapLayer(lv.getLayerConf().getLayer()));
    }
}
