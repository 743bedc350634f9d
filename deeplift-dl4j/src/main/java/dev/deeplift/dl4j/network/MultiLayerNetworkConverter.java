package dev.deeplift.dl4j.network;

import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.core.graph.NodeGraphBuilder;
import dev.deeplift.dl4j.convert.ConversionContext;
import dev.deeplift.dl4j.convert.Converters;
import dev.deeplift.dl4j.convert.LayerConverter;
import java.util.List;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
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
        long units = -1;
        for (int i = 0; i < n; i++) {
            org.deeplearning4j.nn.conf.layers.Layer lc = confOf(conf, i);
            Layer layer = unwrap(net.getLayer(i));
            ctx.beginLayer(i, lc.getLayerName(), lc.getClass().getSimpleName(), i == last);
            InputPreProcessor pre = conf.getInputPreProcess(i);
            if (pre != null) {
                throw ctx.unsupported("its input preprocessor " + pre.getClass().getSimpleName()
                        + " is not supported yet");
            }
            convertLayer(layer, lc, ctx);
            if (lc instanceof FeedForwardLayer ff && ff.getNOut() > 0) {
                units = ff.getNOut();
            }
        }
        builder.setOutputs(ctx.current());
        return new ExplainedModel(builder.build(), net.params().dataType(), List.of(units), ctx.outputActivation(),
                "MultiLayerNetwork(" + n + " layers)");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void convertLayer(Layer layer, org.deeplearning4j.nn.conf.layers.Layer lc, ConversionContext ctx) {
        LayerConverter converter = Converters.forClass(lc.getClass())
                .orElseThrow(() -> ctx.unsupported("this layer type is not supported. Supported: "
                        + Converters.supportedNames()));
        converter.convert(layer, lc, ctx);
    }

    private static org.deeplearning4j.nn.conf.layers.Layer confOf(MultiLayerConfiguration conf, int i) {
        org.deeplearning4j.nn.conf.layers.Layer lc = conf.getConf(i).getLayer();
        while (lc instanceof org.deeplearning4j.nn.conf.layers.misc.FrozenLayer f) {
            lc = f.getLayer();
        }
        while (lc instanceof org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer f) {
            lc = f.getUnderlying();
        }
        return lc;
    }

    private static Layer unwrap(Layer layer) {
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

    private static InputNode inputNode(MultiLayerConfiguration conf) {
        org.deeplearning4j.nn.conf.layers.Layer first = confOf(conf, 0);
        if (first instanceof FeedForwardLayer ff && ff.getNIn() > 0 && conf.getInputPreProcess(0) == null) {
            return new InputNode(ff.getNIn());
        }
        return new InputNode(-1);
    }
}
