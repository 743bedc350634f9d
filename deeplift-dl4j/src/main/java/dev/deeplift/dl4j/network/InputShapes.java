package dev.deeplift.dl4j.network;

import dev.deeplift.core.engine.ShapeCheck;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.dl4j.convert.PreprocessorConverter;
import dev.deeplift.dl4j.convert.Sequences;
import dev.deeplift.core.Layout;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;

/**
 * The example shapes a DL4J network takes, read from its configuration: the rank and fixed sizes of each input
 * ({@link InputNode}) and a {@link ShapeCheck} that propagates a given shape through every layer's
 * {@code getOutputType} (never changing the configuration) and compares it with each layer's {@code nIn} and each
 * flattening preprocessor's sizes. So a CNN built for 1×8×8 refuses a 1×7×7 input before any work, naming the layer
 * that cannot take it and a size it can.
 */
final class InputShapes {
    /** Sizes tried along one axis when looking for a shape the network takes, for the message. */
    private static final int SEARCH = 1024;

    private InputShapes() {
    }

    /**
     * The input node of a network whose layers, in order, are {@code layers}, with the preprocessor of each, from
     * the first layer that fixes the input's rank: shape-agnostic layers (batch normalization, activations, dropout)
     * are looked through, so a network that starts with batch normalization over images expects images.
     */
    static InputNode of(List<Layer> layers, List<InputPreProcessor> preprocessors) {
        for (int i = 0; i < layers.size(); i++) {
            InputPreProcessor pre = preprocessors.get(i);
            if (pre != null) {
                long[] shape = PreprocessorConverter.inputShape(pre);
                return shape == null ? InputNode.any() : new InputNode(shape);
            }
            Layer l = layers.get(i);
            if (!shapeAgnostic(l)) {
                return of(l, i == 0 ? null : layers.get(0));
            }
        }
        return InputNode.any();
    }

    /**
     * The example shape a layer accepts as the first layer of a network, as far as its configuration tells; nothing
     * for shape-agnostic layers (the {@link ShapeCheck} still checks what they pass on).
     */
    static InputNode of(Layer first) {
        return shapeAgnostic(first) ? InputNode.any() : of(first, null);
    }

    private static InputNode of(Layer first, Layer agnosticBefore) {
        if (first instanceof Convolution1DLayer c && c.getNIn() > 0) {
            return c.getRnnDataFormat() == RNNFormat.NWC ? new InputNode(-1, c.getNIn()) : new InputNode(c.getNIn(), -1);
        }
        if (first instanceof ConvolutionLayer c && c.getNIn() > 0) {
            return c.getCnn2dDataFormat() == CNN2DFormat.NHWC
                    ? new InputNode(-1, -1, c.getNIn()) : new InputNode(c.getNIn(), -1, -1);
        }
        if (first instanceof SubsamplingLayer s && agnosticBefore instanceof FeedForwardLayer f && f.getNIn() > 0) {
            return s.getCnn2dDataFormat() == CNN2DFormat.NHWC
                    ? new InputNode(-1, -1, f.getNIn()) : new InputNode(f.getNIn(), -1, -1);
        }
        if (first instanceof BaseRecurrentLayer || first instanceof EmbeddingSequenceLayer) {
            return InputNode.any();
        }
        if (first instanceof FeedForwardLayer ff && ff.getNIn() > 0 && !(first instanceof ConvolutionLayer)
                && !(first instanceof EmbeddingLayer)) {
            return new InputNode(ff.getNIn());
        }
        return InputNode.any();
    }

    /** Layers that keep any input's shape: they say nothing about the input's rank. */
    static boolean shapeAgnostic(Layer l) {
        return l instanceof BatchNormalization || l instanceof ActivationLayer || l instanceof DropoutLayer
                || l instanceof PReLULayer;
    }

    /** The shape check of a MultiLayerNetwork. */
    static ShapeCheck forNetwork(MultiLayerConfiguration conf) {
        int n = conf.getConfs().size();
        List<String> names = new ArrayList<>();
        List<Layer> layers = new ArrayList<>();
        List<InputPreProcessor> pres = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            // Wrappers (bidirectional, last time step) give their own output types: keep them, unwrap only frozen.
            Layer l = unfrozen(conf.getConf(i).getLayer());
            layers.add(l);
            pres.add(conf.getInputPreProcess(i));
            names.add("layer " + i + (l.getLayerName() == null ? "" : " \"" + l.getLayerName() + "\"") + " ("
                    + l.getClass().getSimpleName() + ")");
        }
        String format = formatAfter(layers, pres);
        return cached(shapes -> {
            InputType type = typeOf(shapes.get(0), format);
            if (type == null) {
                return null;
            }
            for (int i = 0; i < n; i++) {
                try {
                    if (pres.get(i) != null) {
                        String p = checkPreprocessor(pres.get(i), type, names.get(i));
                        if (p != null) {
                            return p;
                        }
                        type = preprocessed(pres.get(i), type);
                    }
                    String p = checkLayer(layers.get(i), type, names.get(i));
                    if (p != null) {
                        return p;
                    }
                    type = outputType(layers.get(i), i, type);
                } catch (RuntimeException e) {
                    return names.get(i) + " cannot take it: " + e.getMessage();
                }
            }
            return null;
        });
    }

    /** The shape check of a ComputationGraph, all inputs together. */
    static ShapeCheck forGraph(ComputationGraphConfiguration conf, List<String> order) {
        List<String> inputs = conf.getNetworkInputs();
        Map<String, String> formats = new HashMap<>();
        for (String in : inputs) {
            formatFrom(conf, in).ifPresent(f -> formats.put(in, f));
        }
        return cached(shapes -> {
            Map<String, InputType> types = new HashMap<>();
            for (int k = 0; k < inputs.size(); k++) {
                InputType t = typeOf(shapes.get(k), formats.get(inputs.get(k)));
                if (t == null) {
                    return null;
                }
                types.put(inputs.get(k), t);
            }
            int layerIndex = 0;
            for (String name : order) {
                if (types.containsKey(name)) {
                    continue;
                }
                GraphVertex v = conf.getVertices().get(name);
                List<String> from = conf.getVertexInputs().get(name);
                InputType[] in = from.stream().map(types::get).toArray(InputType[]::new);
                String where = "vertex \"" + name + "\" (" + describe(v) + ")";
                try {
                    if (v instanceof LayerVertex lv && in.length == 1) {
                        InputType t = in[0];
                        if (lv.getPreProcessor() != null) {
                            String p = checkPreprocessor(lv.getPreProcessor(), t, where);
                            if (p != null) {
                                return p;
                            }
                            t = preprocessed(lv.getPreProcessor(), t);
                        }
                        Layer l = unfrozen(lv.getLayerConf().getLayer());
                        String p = checkLayer(l, t, where);
                        if (p != null) {
                            return p;
                        }
                        types.put(name, outputType(l, layerIndex++, t));
                    } else {
                        String p = AttentionShapes.checkVertex(v, in, where);
                        if (p != null) {
                            return p;
                        }
                        types.put(name, v.getOutputType(layerIndex, in));
                    }
                } catch (RuntimeException e) {
                    return where + " cannot take it: " + e.getMessage();
                }
            }
            return null;
        });
    }

    /**
     * Adds to a failing shape a shape the network takes, if one is found by varying the spatial sizes of a single
     * input (height, then width, then both), and caches the verdict per shape.
     */
    private static ShapeCheck cached(ShapeCheck check) {
        Map<String, String> verdicts = new ConcurrentHashMap<>();
        return shapes -> {
            String key = shapes.stream().map(Arrays::toString).reduce("", String::concat);
            String v = verdicts.computeIfAbsent(key, k -> {
                String problem = check.problem(shapes);
                return problem == null ? "" : explain(check, shapes, problem);
            });
            return v.isEmpty() ? null : v;
        };
    }

    private static String explain(ShapeCheck check, List<long[]> shapes, String problem) {
        String shape = "[N, " + Arrays.toString(shapes.get(0)).substring(1);
        String head = shapes.size() == 1 ? "input has shape " + shape + ", which the network cannot take: "
                : "the inputs have shapes " + shapes.stream().map(Arrays::toString).toList()
                + " (without the batch axis), which the network cannot take: ";
        long[] fit = shapes.size() == 1 ? search(check, shapes.get(0)) : null;
        return head + problem + (fit == null ? ""
                : ". It takes, for example, [N, " + Arrays.toString(fit).substring(1));
    }

    /**
     * A shape the network takes that differs from {@code shape} in its spatial sizes only, or null: sizes nearest to
     * the given ones first, along two neighbouring axes together (a square image), then along each axis alone.
     */
    private static long[] search(ShapeCheck check, long[] shape) {
        if (shape.length < 2 || shape.length > 3) {
            return null;
        }
        // The channel axis is fixed by the layers' nIn, so only a change of the spatial sizes can fit, whatever the
        // layout.
        for (int axis = 0; axis + 1 < shape.length; axis++) {
            long[] fit = nearest(check, shape, axis, axis + 1);
            if (fit != null) {
                return fit;
            }
        }
        for (int axis = 0; axis < shape.length; axis++) {
            long[] fit = nearest(check, shape, axis, axis);
            if (fit != null) {
                return fit;
            }
        }
        return null;
    }

    private static long[] nearest(ShapeCheck check, long[] shape, int a, int b) {
        for (long d = 1; d <= SEARCH; d++) {
            for (long size : new long[] {shape[a] - d, shape[a] + d}) {
                if (size < 1) {
                    continue;
                }
                long[] c = shape.clone();
                c[a] = size;
                c[b] = size;
                if (check.problem(List.of(c)) == null) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The input type of one example shape in a layout ({@code "NCHW"}, {@code "NWC"}, ...), or null if unknown. */
    private static InputType typeOf(long[] s, String format) {
        return switch (s.length) {
            case 1 -> InputType.feedForward(s[0]);
            case 2 -> "NWC".equals(format) ? InputType.recurrent(s[1], s[0], RNNFormat.NWC)
                    : InputType.recurrent(s[0], s[1], RNNFormat.NCW);
            case 3 -> "NHWC".equals(format) ? InputType.convolutional(s[0], s[1], s[2], CNN2DFormat.NHWC)
                    : InputType.convolutional(s[1], s[2], s[0], CNN2DFormat.NCHW);
            default -> null;
        };
    }

    /**
     * A layer's output type for an input type. An {@code EmbeddingSequenceLayer}'s own {@code getOutputType} gives
     * the configured {@code inputLength}, which DL4J overwrites at every forward pass when it infers the length: here
     * the length is that of the tokens given ({@code [T]} reads as a feed-forward type of size T, {@code [1, T]} as a
     * one-feature sequence of T steps).
     */
    private static InputType outputType(Layer l, int index, InputType in) {
        if (l instanceof EmbeddingSequenceLayer e && (in instanceof InputType.InputTypeFeedForward
                || in instanceof InputType.InputTypeRecurrent)) {
            long steps = in instanceof InputType.InputTypeFeedForward f ? f.getSize()
                    : ((InputType.InputTypeRecurrent) in).getTimeSeriesLength();
            return InputType.recurrent(e.getNOut(), steps, e.getOutputFormat());
        }
        if (l instanceof GlobalPoolingLayer g && g.isCollapseDimensions()
                && in instanceof InputType.InputTypeRecurrent r) {
            // DL4J's getOutputType returns the recurrent type unchanged, but the layer outputs [N, kept axis].
            int[] dims = g.getPoolingDimensions();
            boolean poolsAxis2 = dims == null || (dims.length == 1 && dims[0] == 2);
            boolean poolsTime = poolsAxis2 == (r.getFormat() == RNNFormat.NCW);
            return InputType.feedForward(poolsTime ? r.getSize() : r.getTimeSeriesLength());
        }
        return l.getOutputType(index, in);
    }

    /**
     * A preprocessor's output type. An {@code RnnToFeedForwardPreProcessor} passes rank-2 activations through
     * unchanged (it is what {@code setInputType} puts after global pooling over time, whose DL4J type is wrongly
     * recurrent), so it keeps a feed-forward type.
     */
    private static InputType preprocessed(InputPreProcessor pre, InputType in) {
        if (pre instanceof RnnToFeedForwardPreProcessor && in instanceof InputType.InputTypeFeedForward) {
            return in;
        }
        return pre.getOutputType(in);
    }

    /** A layer's {@code nIn} against what reaches it. */
    private static String checkLayer(Layer l, InputType t, String where) {
        if (AttentionShapes.isAttention(l)) {
            return AttentionShapes.checkLayer(l, t, where);
        }
        if (!(l instanceof FeedForwardLayer ff) || ff.getNIn() <= 0 || l instanceof EmbeddingLayer
                || l instanceof EmbeddingSequenceLayer) {
            return null;
        }
        long got = switch (t.getType()) {
            case FF -> ((InputType.InputTypeFeedForward) t).getSize();
            case RNN -> ((InputType.InputTypeRecurrent) t).getSize();
            case CNN -> ((InputType.InputTypeConvolutional) t).getChannels();
            case CNNFlat -> ((InputType.InputTypeConvolutionalFlat) t).getFlattenedSize();
            case CNN3D -> ((InputType.InputTypeConvolutional3D) t).getChannels();
        };
        if (got != ff.getNIn()) {
            String unit = t.getType() == InputType.Type.CNN || t.getType() == InputType.Type.CNN3D ? "channels"
                    : "features";
            return where + " takes " + ff.getNIn() + " " + unit + " (nIn) but gets " + got + " from " + t;
        }
        return null;
    }

    /** A flattening preprocessor's fixed sizes against what reaches it. */
    private static String checkPreprocessor(InputPreProcessor pre, InputType t, String where) {
        if (pre instanceof CnnToFeedForwardPreProcessor p && p.getInputHeight() > 0
                && t instanceof InputType.InputTypeConvolutional c
                && (c.getHeight() != p.getInputHeight() || c.getWidth() != p.getInputWidth()
                || c.getChannels() != p.getNumChannels())) {
            return "the flattening before " + where + " takes " + p.getNumChannels() + "×" + p.getInputHeight() + "×"
                    + p.getInputWidth() + " (channels × height × width) activations but gets " + c.getChannels() + "×"
                    + c.getHeight() + "×" + c.getWidth();
        }
        if (pre instanceof FeedForwardToCnnPreProcessor p && t instanceof InputType.InputTypeFeedForward f
                && f.getSize() != p.getNumChannels() * p.getInputHeight() * p.getInputWidth()) {
            return "the reshape before " + where + " takes " + p.getNumChannels() * p.getInputHeight()
                    * p.getInputWidth() + " features but gets " + f.getSize();
        }
        return null;
    }

    /** The layout of the first layer (or flattening preprocessor) that has one, e.g. {@code "NHWC"}, or null. */
    private static String formatAfter(List<Layer> layers, List<InputPreProcessor> pres) {
        for (int i = 0; i < layers.size(); i++) {
            if (pres.get(i) instanceof CnnToFeedForwardPreProcessor p) {
                return p.getFormat() == CNN2DFormat.NHWC ? "NHWC" : "NCHW";
            }
            String f = formatOf(layers.get(i));
            if (f != null) {
                return f;
            }
        }
        return null;
    }

    private static Layer unfrozen(Layer l) {
        while (l instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer f) {
            l = f.getLayer();
        }
        return l;
    }

    private static java.util.Optional<String> formatFrom(ComputationGraphConfiguration conf, String input) {
        String at = input;
        for (int step = 0; step < conf.getVertices().size(); step++) {
            final String from = at;
            List<String> readers = conf.getVertexInputs().entrySet().stream()
                    .filter(e -> e.getValue().contains(from)).map(Map.Entry::getKey).toList();
            if (readers.isEmpty()) {
                return java.util.Optional.empty();
            }
            GraphVertex v = conf.getVertices().get(readers.get(0));
            if (v instanceof LayerVertex lv) {
                String f = formatOf(lv.getLayerConf().getLayer());
                if (f != null) {
                    return java.util.Optional.of(f);
                }
            }
            at = readers.get(0);
        }
        return java.util.Optional.empty();
    }

    private static String formatOf(Layer l) {
        if (l instanceof Convolution1DLayer c) {
            return c.getRnnDataFormat() == RNNFormat.NWC ? "NWC" : "NCW";
        }
        if (l instanceof ConvolutionLayer c) {
            return c.getCnn2dDataFormat() == CNN2DFormat.NHWC ? "NHWC" : "NCHW";
        }
        if (l instanceof SubsamplingLayer s) {
            return s.getCnn2dDataFormat() == CNN2DFormat.NHWC ? "NHWC" : "NCHW";
        }
        Layout sequence = Sequences.reads(l);
        if (sequence != null) {
            return sequence.toString();
        }
        return null;
    }

    private static String describe(GraphVertex v) {
        return v instanceof LayerVertex lv ? lv.getLayerConf().getLayer().getClass().getSimpleName()
                : v.getClass().getSimpleName();
    }
}
