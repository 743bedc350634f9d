package dev.deeplift.dl4j.convert;

import dev.deeplift.core.nodes.recurrent.MaskGuardNode;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.CenterLossOutputLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.RecurrentAttentionLayer;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;

/**
 * Which layers' handling of a feature mask is explained, and what happens before the others. A layer whose
 * converter applies the mask as DL4J does (recurrent layers and wrappers, sequence embeddings, global pooling,
 * per-step outputs, dense
 * layers between RnnToFeedForward and FeedForwardToRnn) or that DL4J never masks (activation and batch-normalization
 * layers) gets the mask as it comes; any other layer reached by a mask gets a guard that refuses padding with an
 * error naming it, since DL4J may apply the mask there in a way not explained.
 */
public final class LayerMasks {
    private static final Set<Class<? extends Layer>> HANDLED = Collections.synchronizedSet(new LinkedHashSet<>(Set.of(
            LSTM.class, GravesLSTM.class, SimpleRnn.class, GravesBidirectionalLSTM.class, Bidirectional.class,
            LastTimeStep.class, MaskZeroLayer.class, TimeDistributed.class, RnnOutputLayer.class, RnnLossLayer.class,
            GlobalPoolingLayer.class, ActivationLayer.class, BatchNormalization.class, EmbeddingSequenceLayer.class,
            SelfAttentionLayer.class, RecurrentAttentionLayer.class)));
    private static final Set<Class<? extends Layer>> PER_STEP = Set.of(DenseLayer.class, OutputLayer.class,
            CenterLossOutputLayer.class, DropoutLayer.class, LossLayer.class, ActivationLayer.class,
            BatchNormalization.class);

    private LayerMasks() {
    }

    /**
     * Declares that the converter of a layer class applies feature masks as DL4J does (reading
     * {@link ConversionContext#mask()} and setting the mask it passes on), e.g. for an embedding layer.
     */
    public static void registerMaskAware(Class<? extends Layer> type) {
        HANDLED.add(type);
    }

    /** Checks a layer against the current activations and adds a padding guard where needed; before converting it. */
    public static void beforeLayer(Layer conf, ConversionContext ctx) {
        boolean perStep = ctx.perStep();
        if (perStep && !PER_STEP.contains(conf.getClass())) {
            throw ctx.unsupported("it follows an RnnToFeedForward preprocessor on sequences, where each time step "
                    + "is a row; supported there: DenseLayer, OutputLayer, CenterLossOutputLayer, DropoutLayer, "
                    + "ActivationLayer, BatchNormalization, LossLayer, then FeedForwardToRnn");
        }
        if (ctx.mask() == null || HANDLED.contains(conf.getClass()) || perStep) {
            return;
        }
        ctx.add("noPadding", new MaskGuardNode("Cannot explain " + ctx.where() + " with a feature mask that has "
                + "padding: how DL4J applies the mask to this layer is not explained here; explain without a mask "
                + "(or one of ones)"), ctx.current(), ctx.mask());
        // Past the guard every step is real: the layers after it compute unmasked (this layer may also change the
        // number of steps, as a 1D convolution does, which a mask of the old length would not fit).
        ctx.setMask(null);
    }
}
