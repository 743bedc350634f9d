package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.ops.ShapeOps;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.Cnn3DToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.ComposableInputPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToCnnPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.RnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.conf.RNNFormat;
import dev.deeplift.core.Layout;
import org.deeplearning4j.preprocessors.KerasFlattenRnnPreprocessor;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.ops.ShapeOp;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J input preprocessors between layers, as reshapes: CNN↔feed-forward flattening, and the Keras importer's
 * flattening of sequences, are DL4J's plain 'c'-order reshapes (for channels first and last alike).
 * {@code RnnToFeedForward} on sequences folds the steps into the batch in DL4J; here the activations stay
 * {@code [N, C, T]} and the feed-forward layers up to {@code FeedForwardToRnn} act on every step (a network ending
 * there has per-step outputs).
 */
public final class PreprocessorConverter {
    private PreprocessorConverter() {
    }

    /** Appends the nodes of a preprocessor. */
    public static void convert(InputPreProcessor pre, ConversionContext ctx) {
        if (pre instanceof CnnToFeedForwardPreProcessor || pre instanceof Cnn3DToFeedForwardPreProcessor
                || pre instanceof KerasFlattenRnnPreprocessor) {
            reshape(ctx, "flatten", -1);
        } else if (pre instanceof FeedForwardToCnnPreProcessor p) {
            reshape(ctx, "toCnn", p.getNumChannels(), p.getInputHeight(), p.getInputWidth());
        } else if (pre instanceof RnnToFeedForwardPreProcessor p && ctx.sequence() != null) {
            // DL4J folds the steps into the batch, [N·T, C]: here the sequence stays, in NCW as DL4J permutes it,
            // and the feed-forward layers that follow act on every step (ConversionContext.perStep).
            if (p.getRnnDataFormat() == RNNFormat.NWC) {
                ctx.add("toNcw", new LinearNode(LayerKind.RESHAPE, swapLastAxes(), true));
            }
            ctx.setSequence(Layout.NCW);
            ctx.setPerStep(true);
        } else if (pre instanceof FeedForwardToRnnPreProcessor p && ctx.perStep()) {
            if (p.getRnnDataFormat() == RNNFormat.NWC) {
                ctx.add("toNwc", new LinearNode(LayerKind.RESHAPE, swapLastAxes(), true));
            }
            ctx.setSequence(Sequences.layout(p.getRnnDataFormat()));
            ctx.setPerStep(false);
        } else if (pre instanceof RnnToFeedForwardPreProcessor) {
            // DL4J adds it after global pooling of sequences, where activations are already [N, C]: the identity.
            String where = ctx.where();
            UnaryOperator<INDArray> onlyFlat = x -> {
                if (x.rank() != 3) {
                    return x;
                }
                throw new UnsupportedLayerException("Cannot explain " + where + ": its RnnToFeedForward "
                        + "preprocessor receives sequences " + java.util.Arrays.toString(x.shape())
                        + " from a layer that is not known to output sequences");
            };
            ctx.add("rnnToFf", new LinearNode(LayerKind.RESHAPE, new ShapeOp("rnnToFf(identity)", onlyFlat,
                    (m, in) -> m), true));
        } else if (pre instanceof ComposableInputPreProcessor c) {
            for (InputPreProcessor inner : c.getInputPreProcessors()) {
                convert(inner, ctx);
            }
        } else {
            throw ctx.unsupported("its input preprocessor " + pre.getClass().getSimpleName() + " is not supported"
                    + " (supported: CnnToFeedForward, Cnn3DToFeedForward, KerasFlattenRnn, FeedForwardToCnn, "
                    + "RnnToFeedForward, FeedForwardToRnn after RnnToFeedForward, Composable)");
        }
    }

    /** The example shape a network's input must have when its first layer has this preprocessor, if known. */
    public static long[] inputShape(InputPreProcessor pre) {
        if (pre instanceof FeedForwardToCnnPreProcessor p) {
            return new long[] {p.getNumChannels() * p.getInputHeight() * p.getInputWidth()};
        }
        if (pre instanceof CnnToFeedForwardPreProcessor p && p.getInputHeight() > 0) {
            return p.getFormat() == org.deeplearning4j.nn.conf.CNN2DFormat.NHWC
                    ? new long[] {p.getInputHeight(), p.getInputWidth(), p.getNumChannels()}
                    : new long[] {p.getNumChannels(), p.getInputHeight(), p.getInputWidth()};
        }
        return null;
    }

    /** {@code [N, a, b]} to {@code [N, b, a]}: NCW to NWC and back. */
    private static ShapeOp swapLastAxes() {
        return new ShapeOp("swapTimeAndFeatures", x -> x.permute(0, 2, 1).dup('c'), (m, in) -> m.permute(0, 2, 1)
                .dup('c'));
    }

    private static void reshape(ConversionContext ctx, String what, long... shape) {
        ctx.add(what, new LinearNode(LayerKind.RESHAPE, ShapeOps.reshape(shape), true));
    }
}
