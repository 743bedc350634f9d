package dev.deeplift.dl4j.convert;

import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.nodes.ElementwiseNode;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;

/** {@code PReLULayer}: an elementwise nonlinearity with learned slopes, where the rules apply as to any other. */
final class PReLUConverter implements LayerConverter<PReLULayer> {

    @Override
    public void convert(Layer layer, PReLULayer conf, ConversionContext ctx) {
        if (ctx.isLastLayer()) {
            throw ctx.unsupported("a PReLU as the last layer would be the output activation; add an output layer");
        }
        ctx.add("prelu", new ElementwiseNode(ElementwiseFunctions.prelu(layer.getParam("W"))));
    }
}
