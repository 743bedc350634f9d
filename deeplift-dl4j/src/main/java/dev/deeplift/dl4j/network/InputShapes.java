package dev.deeplift.dl4j.network;

import dev.deeplift.core.graph.InputNode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.deeplearning4j.nn.conf.layers.Layer;

/** The example shape a layer accepts as the first layer of a network, as far as its configuration tells. */
final class InputShapes {
    private InputShapes() {
    }

    static InputNode of(Layer first) {
        if (first instanceof Convolution1DLayer c && c.getNIn() > 0) {
            return c.getRnnDataFormat() == RNNFormat.NWC ? new InputNode(-1, c.getNIn()) : new InputNode(c.getNIn(), -1);
        }
        if (first instanceof ConvolutionLayer c && c.getNIn() > 0) {
            return c.getCnn2dDataFormat() == CNN2DFormat.NHWC
                    ? new InputNode(-1, -1, c.getNIn()) : new InputNode(c.getNIn(), -1, -1);
        }
        if (first instanceof FeedForwardLayer ff && ff.getNIn() > 0 && !(first instanceof ConvolutionLayer)) {
            return new InputNode(ff.getNIn());
        }
        return InputNode.any();
    }
}
