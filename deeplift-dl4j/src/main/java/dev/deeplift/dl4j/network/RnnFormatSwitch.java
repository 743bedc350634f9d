package dev.deeplift.dl4j.network;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ShapeOps;
import dev.deeplift.dl4j.convert.ConversionContext;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.util.Convolution1DUtils;

/**
 * The permutation DL4J's {@code output()} inserts between two layers that both have an RNN data format
 * (EmbeddingSequenceLayer, LSTM, SimpleRnn, Convolution1D, Subsampling1D) when their formats differ: the
 * activations are transposed {@code [N, C, T] ↔ [N, T, C]} before the second layer ({@code MultiLayerNetwork}
 * l.1336: consecutive layers; {@code ComputationGraph} l.2430: consecutive vertices in topological order, whether or
 * not the first feeds the second). The layer configurations compared are the network's own, wrappers included
 * (a wrapped layer has no RNN format there).
 */
final class RnnFormatSwitch {
    private RnnFormatSwitch() {
    }

    /** True if DL4J permutes the activations between {@code previous} and {@code layer}. */
    static boolean permutes(Layer previous, Layer layer) {
        return previous != null && layer != null && Convolution1DUtils.hasRnnDataFormat(previous)
                && Convolution1DUtils.hasRnnDataFormat(layer)
                && format(previous) != format(layer);
    }

    /** Appends the permutation to the current node. */
    static void permute(ConversionContext ctx) {
        ctx.add("rnnFormatSwitch", new LinearNode(LayerKind.RESHAPE, ShapeOps.permute(0, 2, 1), true));
    }

    private static RNNFormat format(Layer l) {
        return Convolution1DUtils.getRnnFormatFromLayer(l);
    }
}
