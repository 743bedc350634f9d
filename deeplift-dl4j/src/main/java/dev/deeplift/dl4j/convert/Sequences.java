package dev.deeplift.dl4j.convert;

import dev.deeplift.core.Layout;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.wrapper.BaseWrapperLayer;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;

/** The sequence layouts of DL4J's recurrent layers, wrappers and preprocessors. */
public final class Sequences {
    private Sequences() {
    }

    /** {@link Layout#NCW} or {@link Layout#NWC} for a DL4J format (NCW when unset, DL4J's default). */
    public static Layout layout(RNNFormat format) {
        return format == RNNFormat.NWC ? Layout.NWC : Layout.NCW;
    }

    /** The layout in which a layer reads sequences, or null if it does not read sequences. */
    public static Layout reads(Layer conf) {
        if (conf instanceof Bidirectional b) {
            return reads(b.getFwd());
        }
        if (conf instanceof TimeDistributed t) {
            return layout(t.getRnnDataFormat());
        }
        if (conf instanceof BaseWrapperLayer w) {
            return reads(w.getUnderlying());
        }
        if (conf instanceof BaseRecurrentLayer r) {
            return layout(r.getRnnDataFormat());
        }
        if (conf instanceof RnnOutputLayer r) {
            return layout(r.getRnnDataFormat());
        }
        if (conf instanceof RnnLossLayer r) {
            return layout(r.getRnnDataFormat());
        }
        if (conf instanceof SelfAttentionLayer || conf instanceof RecurrentAttentionLayer
                || conf instanceof LearnedSelfAttentionLayer) {
            return Layout.NCW; // DL4J's attention layers read [N, F, T] whatever the activations' layout
        }
        return null;
    }

    /**
     * The layout of a network input read by a layer (through its preprocessor, if any), or null if the input is not
     * known to be a sequence.
     */
    public static Layout input(Layer conf, InputPreProcessor pre) {
        if (pre instanceof RnnToFeedForwardPreProcessor p) {
            return layout(p.getRnnDataFormat());
        }
        return pre == null ? reads(conf) : null;
    }
}
