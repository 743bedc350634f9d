package dev.deeplift.dl4j.network;

import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.LearnedSelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;

/**
 * What DL4J's attention layers and vertex take, for the {@link InputShapes} check before any work: sequences of
 * their {@code nIn} features read as {@code [N, F, T]} (NCW) whatever the activations' layout, so NWC activations
 * (which DL4J reads transposed, or fails on) are refused; and for {@code RecurrentAttentionLayer} the number of time
 * steps DL4J fixed at its first forward pass.
 */
final class AttentionShapes {
    private AttentionShapes() {
    }

    /** True for the attention layers. */
    static boolean isAttention(Layer l) {
        return l instanceof SelfAttentionLayer || l instanceof RecurrentAttentionLayer
                || l instanceof LearnedSelfAttentionLayer;
    }

    /** The problem with an attention layer's input, or null. */
    static String checkLayer(Layer l, InputType t, String where) {
        long nIn = l instanceof SelfAttentionLayer s ? s.getNIn() : l instanceof RecurrentAttentionLayer r ? r.getNIn()
                : ((LearnedSelfAttentionLayer) l).getNIn();
        String p = checkSequence(t, nIn, where, "");
        if (p == null && l instanceof RecurrentAttentionLayer r && r.getTimeSteps() > 0
                && ((InputType.InputTypeRecurrent) t).getTimeSeriesLength() > 0
                && ((InputType.InputTypeRecurrent) t).getTimeSeriesLength() != r.getTimeSteps()) {
            return where + " runs on " + r.getTimeSteps() + " time steps (DL4J fixes them at the layer's first "
                    + "forward pass and refuses others) but gets " + ((InputType.InputTypeRecurrent) t)
                    .getTimeSeriesLength();
        }
        return p;
    }

    /** The problem with an AttentionVertex's inputs (queries, keys, values), or null; null for other vertices. */
    static String checkVertex(GraphVertex v, InputType[] in, String where) {
        if (!(v instanceof AttentionVertex a) || in.length != 3) {
            return null;
        }
        String[] names = {"queries", "keys", "values"};
        long[] sizes = {a.getNInQueries(), a.getNInKeys(), a.getNInValues()};
        for (int k = 0; k < 3; k++) {
            String p = checkSequence(in[k], sizes[k], where, " (its " + names[k] + ")");
            if (p != null) {
                return p;
            }
        }
        return null;
    }

    private static String checkSequence(InputType t, long nIn, String where, String which) {
        if (!(t instanceof InputType.InputTypeRecurrent r)) {
            return where + which + " takes sequences [N, " + nIn + ", T] but gets " + t;
        }
        if (r.getFormat() == RNNFormat.NWC) {
            return where + which + " reads its input as [N, features, T] (NCW) whatever its layout, and gets NWC "
                    + "activations, which DL4J would read transposed (or fail on): make the layers before it NCW";
        }
        if (nIn > 0 && r.getSize() != nIn) {
            return where + which + " takes " + nIn + " features (nIn) but gets " + r.getSize() + " from " + t;
        }
        return null;
    }
}
