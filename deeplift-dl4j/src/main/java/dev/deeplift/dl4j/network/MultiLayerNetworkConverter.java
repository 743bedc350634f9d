package dev.deeplift.dl4j.network;

import dev.deeplift.core.engine.ExplainedModel;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.dl4j.convert.ConversionContext;
import dev.deeplift.dl4j.convert.Converters;
import dev.deeplift.dl4j.convert.LayerConverter;
import dev.deeplift.dl4j.convert.LayerMasks;
import dev.deeplift.dl4j.convert.Sequences;
import dev.deeplift.core.Layout;
import dev.deeplift.dl4j.convert.PreprocessorConverter;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseOutputLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.layers.FrozenLayer;
import org.deeplearning4j.nn.layers.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Converts a {@link MultiLayerNetwork} into an {@link ExplainedModel}, layer by layer, reading (never changing)
 * the network. Frozen layers are unwrapped; dropout is the identity at inference.
 */
public final class MultiLayerNetworkConverter {
    private MultiLayerNetworkConverter() {
    }

    /** @throws UnsupportedLayerException naming the first layer without an exact rule */
    public static ExplainedModel convert(MultiLayerNetwork net) {
        if (net == null) {
            throw new IllegalArgumentException("network is null");
        }
        if (!net.isInitCalled() || net.getLayers() == null) {
            throw new IllegalStateException("The MultiLayerNetwork was never initialised: call net.init() first");
        }
        MultiLayerConfiguration conf = net.getLayerWiseConfigurations();
        int n = net.getnLayers();
        int last = n - 1;
        while (last > 0 && Converters.isInferenceIdentity(confOf(conf, last))) {
            last--;
        }
        NodeGraphBuilder builder = new NodeGraphBuilder();
        builder.addInput("input", inputNode(conf));
        ConversionContext ctx = new ConversionContext(builder, "input");
        Layout inputLayout = Sequences.input(confOf(conf, 0), conf.getInputPreProcess(0));
        if (inputLayout != null) {
            // A sequence input: its feature mask (ones unless the caller gives one) is a graph input.
            ctx.setSequence(inputLayout);
            ctx.setMask(ctx.maskInput(0, inputLayout.widthAxis()));
        }
        long units = -1;
        long outputUnits = -1;
        String outputNode = null;
        org.nd4j.linalg.activations.IActivation outputActivation = null;
        java.util.Map<String, String> layerNodes = new java.util.LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            org.deeplearning4j.nn.conf.layers.Layer lc = confOf(conf, i);
            Layer layer = unwrap(net.getLayer(i));
            ctx.beginLayer(i, lc.getLayerName(), lc.getClass().getSimpleName(), i == last);
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                PreprocessorConverter.convert(pre, ctx);
            }
            if (i > 0 && RnnFormatSwitch.permutes(conf.getConf(i - 1).getLayer(), conf.getConf(i).getLayer())) {
                RnnFormatSwitch.permute(ctx);
            }
            LayerMasks.beforeLayer(lc, ctx);
            convertLayer(layer, lc, ctx);
            ctx.markSequence(ctx.current(), ctx.sequence());
            ctx.markSequence(ctx.outputNode(), ctx.sequence());
            units = unitsAfter(lc, pre == null ? units : -1);
            if (i == last) {
                // Layers after the last one are identities at inference: the targets are this layer's units.
                outputNode = ctx.outputNode();
                outputActivation = ctx.outputActivation();
                outputUnits = units;
            }
            layerNodes.put(Integer.toString(i), ctx.current());
            if (lc.getLayerName() != null) {
                layerNodes.put(lc.getLayerName(), ctx.current());
            }
        }
        builder.setOutputs(outputNode);
        org.nd4j.linalg.api.buffer.DataType dataType = dataType(net.numParams(), net.params(), conf.getDataType());
        return new ExplainedModel(builder.build(), dataType, List.of(outputUnits), outputActivation,
                "MultiLayerNetwork(" + n + " layers)", List.of("output"), java.util.Map.copyOf(layerNodes),
                InputShapes.forNetwork(conf), java.util.Map.copyOf(ctx.sequenceNodes()));
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static void convertLayer(Layer layer, org.deeplearning4j.nn.conf.layers.Layer lc, ConversionContext ctx) {
        LayerConverter converter = Converters.forClass(lc.getClass())
                .orElseThrow(() -> ctx.unsupported("this layer type is not supported. Supported: "
                        + Converters.supportedNames() + ". A layer of your own can be added with Converters.register "
                        + "(see the README's \"Adding a layer\")"));
        converter.convert(layer, lc, ctx);
    }

    static org.deeplearning4j.nn.conf.layers.Layer confOf(MultiLayerConfiguration conf, int i) {
        org.deeplearning4j.nn.conf.layers.Layer lc = conf.getConf(i).getLayer();
        while (lc instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer f) {
            lc = f.getLayer();
        }
        while (lc instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop f) {
            lc = f.getUnderlying();
        }
        // Other wrappers (LastTimeStep, MaskZeroLayer, TimeDistributed) have converters of their own.
        return lc;
    }

    static Layer unwrap(Layer layer) {
        while (true) {
            if (layer instanceof FrozenLayer f) {
                layer = f.getInsideLayer();
            } else if (layer instanceof FrozenLayerWithBackprop f) {
                layer = f.getInsideLayer();
            } else {
                return layer;
            }
        }
    }

    /**
     * The network's data type: its parameters', or the configuration's where there are none (attention without
     * projections), whose empty parameter array has ND4J's default type instead.
     */
    static org.nd4j.linalg.api.buffer.DataType dataType(long numParams, org.nd4j.linalg.api.ndarray.INDArray params,
                                                         org.nd4j.linalg.api.buffer.DataType configured) {
        return numParams > 0 ? params.dataType() : configured;
    }

    /** Output units after a layer: known after dense-like layers, kept by elementwise ones, else unknown. */
    static long unitsAfter(org.deeplearning4j.nn.conf.layers.Layer lc, long before) {
        if (lc instanceof DenseLayer || lc instanceof BaseOutputLayer) {
            return ((FeedForwardLayer) lc).getNOut();
        }
        if (lc instanceof org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed t
                && t.getUnderlying() instanceof DenseLayer d) {
            return d.getNOut();
        }
        boolean elementwise = lc instanceof ActivationLayer || lc instanceof DropoutLayer || lc instanceof LossLayer
                || lc instanceof BatchNormalization || lc instanceof PReLULayer;
        return elementwise ? before : -1;
    }

    private static InputNode inputNode(MultiLayerConfiguration conf) {
        List<org.deeplearning4j.nn.conf.layers.Layer> layers = new java.util.ArrayList<>();
        List<InputPreProcessor> pres = new java.util.ArrayList<>();
        for (int i = 0; i < conf.getConfs().size(); i++) {
            layers.add(confOf(conf, i));
            pres.add(conf.getInputPreProcess(i));
        }
        return InputShapes.of(layers, pres);
    }
}
