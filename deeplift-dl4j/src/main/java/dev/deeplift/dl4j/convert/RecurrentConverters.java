package dev.deeplift.dl4j.convert;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.Layout;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.RuleNode;
import dev.deeplift.core.nodes.ConcatNode;
import dev.deeplift.core.nodes.LinearNode;
import dev.deeplift.core.nodes.ProductNode;
import dev.deeplift.core.nodes.WeightedSumNode;
import dev.deeplift.core.nodes.recurrent.LstmNode;
import dev.deeplift.core.nodes.recurrent.MaskGuardNode;
import dev.deeplift.core.nodes.recurrent.RecurrentNode;
import dev.deeplift.core.nodes.recurrent.SimpleRnnNode;
import dev.deeplift.core.nodes.recurrent.StepMask;
import dev.deeplift.core.nodes.recurrent.StepSelection;
import dev.deeplift.core.nodes.recurrent.TimeStepNode;
import dev.deeplift.core.ops.SequenceDenseOp;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.BaseRecurrentLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.recurrent.TimeDistributed;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The converters of DL4J's recurrent layers, recurrent wrappers and per-step output layers, registered in
 * {@link Converters}. Each recurrent direction is one node ({@link LstmNode}, {@link SimpleRnnNode}); masks act where
 * and as DL4J applies them at inference ({@code output(x, false, featureMask, null)}), and the mask passed on to the
 * next layer is what DL4J's {@code feedForwardMaskArray} passes on:
 * <ul>
 *   <li>{@code LSTM}, {@code GravesLSTM}: the mask is not applied (padded steps are computed like real ones) and is
 *       passed on;</li>
 *   <li>{@code SimpleRnn}, {@code GravesBidirectionalLSTM}: reset at padded steps (outputs and states times the mask),
 *       passed on;</li>
 *   <li>{@code Bidirectional(X)}: the backward direction reads the whole sequence reversed, with the reversed mask;
 *       each direction applies the mask as X would; merged by CONCAT, ADD, MUL or AVERAGE;</li>
 *   <li>{@code LastTimeStep(X)}: X applies the mask (even an LSTM), then each example's last unmasked step; no mask is
 *       passed on;</li>
 *   <li>{@code MaskZeroLayer(X)}: X applies the mask derived from its own input (a step is padding where every
 *       feature equals the masking value), ignoring any feature mask; no mask is passed on;</li>
 *   <li>{@code TimeDistributed(DenseLayer)}: the dense layer at every step; DL4J applies a feature mask to the wrong
 *       (example, step) pairs, so padding is refused;</li>
 *   <li>{@code RnnOutputLayer}, {@code RnnLossLayer}: per-step outputs, targets at a time step; the feature mask
 *       does not change them.</li>
 * </ul>
 */
final class RecurrentConverters {
    private RecurrentConverters() {
    }

    /** LSTM and GravesLSTM outside wrappers: DL4J never applies the mask to them, and passes it on. */
    static void lstm(Layer layer, BaseRecurrentLayer conf, ConversionContext ctx) {
        recurrent(layer, conf, ctx, false);
    }

    /** SimpleRnn: masked with reset semantics; the mask is passed on. */
    static void simpleRnn(Layer layer, SimpleRnn conf, ConversionContext ctx) {
        recurrent(layer, conf, ctx, false);
    }

    /** GravesBidirectionalLSTM: the sum of a forward and a backward peephole LSTM, both masked. */
    static void gravesBidirectional(Layer layer, GravesBidirectionalLSTM conf, ConversionContext ctx) {
        recurrent(layer, conf, ctx, false);
    }

    /** Bidirectional(X) for X an LSTM, GravesLSTM, SimpleRnn or LastTimeStep of one of them. */
    static void bidirectional(Layer layer, Bidirectional conf, ConversionContext ctx) {
        recurrent(layer, conf, ctx, false);
    }

    /** LastTimeStep(X): X with the mask applied, then each example's last unmasked step. */
    static void lastTimeStep(Layer layer, LastTimeStep conf, ConversionContext ctx) {
        org.deeplearning4j.nn.conf.layers.Layer inner = conf.getUnderlying();
        if (!(inner instanceof LSTM || inner instanceof GravesLSTM || inner instanceof SimpleRnn
                || inner instanceof GravesBidirectionalLSTM || inner instanceof Bidirectional)) {
            throw ctx.unsupported("LastTimeStep wraps " + inner.getClass().getSimpleName() + "; supported: LSTM, "
                    + "GravesLSTM, SimpleRnn, GravesBidirectionalLSTM, Bidirectional");
        }
        String mask = ctx.mask();
        recurrent(layer, inner, ctx, true);
        ctx.add("lastStep", new TimeStepNode(ctx.sequence(), StepSelection.LAST), withMask(ctx.current(), mask));
        ctx.setSequence(null);
        ctx.setMask(null);
    }

    /** MaskZeroLayer(X): X masked by the steps of its own input that equal the masking value. */
    static void maskZero(Layer layer, MaskZeroLayer conf, ConversionContext ctx) {
        org.deeplearning4j.nn.conf.layers.Layer inner = conf.getUnderlying();
        if (!(inner instanceof LSTM || inner instanceof GravesLSTM || inner instanceof SimpleRnn
                || inner instanceof GravesBidirectionalLSTM)) {
            throw ctx.unsupported("MaskZeroLayer wraps " + inner.getClass().getSimpleName() + ": only a recurrent "
                    + "layer (LSTM, GravesLSTM, SimpleRnn, GravesBidirectionalLSTM) is supported inside it. DL4J "
                    + "1.0.0-M2.1 derives the mask of MaskZeroLayer(LastTimeStep(..)) and MaskZeroLayer(Bidirectional"
                    + "(..)) over the wrong axis for NWC data and fails (the Keras import of Masking + "
                    + "LSTM(return_sequences=False) builds this); put the MaskZeroLayer around the recurrent layer and "
                    + "a LastTimeStep around both, or give the mask as a feature mask");
        }
        BaseRecurrentLayer rnn = (BaseRecurrentLayer) inner;
        Layout layout = Sequences.layout(rnn.getRnnDataFormat());
        StepMask derived = StepMask.derived(conf.getMaskingValue());
        String input = ctx.current();
        if (inner instanceof GravesBidirectionalLSTM g) {
            gravesPair(layer, g, layout, derived, input, ctx);
        } else {
            addCell(ctx, "maskZero", cell(layer, "", inner, layout, false, derived, ctx), derived, input);
        }
        ctx.setSequence(layout);
        ctx.setMask(null);
    }

    /** TimeDistributed(DenseLayer): the dense layer at every step. */
    static void timeDistributed(Layer layer, TimeDistributed conf, ConversionContext ctx) {
        if (!(conf.getUnderlying() instanceof DenseLayer dense)) {
            throw ctx.unsupported("TimeDistributed wraps " + conf.getUnderlying().getClass().getSimpleName()
                    + "; only TimeDistributed(DenseLayer) is supported");
        }
        Layout layout = Sequences.layout(conf.getRnnDataFormat());
        if (ctx.mask() != null) {
            ctx.add("noPadding", new MaskGuardNode("Cannot explain " + ctx.where() + " with a feature mask that "
                    + "has padding: DL4J 1.0.0-M2.1's TimeDistributed applies the mask to the wrong (example, step) "
                    + "pairs (mask rows in 'f' order against data rows in 'c' order), so an example's output depends "
                    + "on the other examples' masks. Explain without a mask, or use a DenseLayer between "
                    + "RnnToFeedForward and FeedForwardToRnn preprocessors, which DL4J masks correctly"),
                    ctx.current(), ctx.mask());
        }
        ctx.add("timeDistributed", new LinearNode(LayerKind.DENSE, new SequenceDenseOp(param(layer, "W", ctx),
                layer.getParam("b"), layout)));
        ctx.addActivation(dense.getActivationFn());
        ctx.setSequence(layout);
    }

    /** RnnOutputLayer: a dense map at every step; targets are its pre-activations at a time step. */
    static void rnnOutput(Layer layer, RnnOutputLayer conf, ConversionContext ctx) {
        Layout layout = Sequences.layout(conf.getRnnDataFormat());
        ctx.add("rnnOutput", new LinearNode(LayerKind.DENSE, new SequenceDenseOp(param(layer, "W", ctx),
                layer.getParam("b"), layout)));
        ctx.addActivation(conf.getActivationFn());
        ctx.setSequence(layout);
        ctx.setMask(null);
    }

    /** RnnLossLayer: the activation at every step; targets are its inputs at a time step. */
    static void rnnLoss(Layer layer, RnnLossLayer conf, ConversionContext ctx) {
        Layout layout = Sequences.layout(conf.getRnnDataFormat());
        ctx.addActivation(conf.getActivationFn());
        ctx.setSequence(layout);
        ctx.setMask(null);
    }

    /**
     * Appends a recurrent layer (possibly a Bidirectional or GravesBidirectionalLSTM pair) reading the current node,
     * with DL4J's masking, and sets the sequence layout and the mask passed on.
     *
     * @param wrapped true inside LastTimeStep, which hands the mask to every recurrent layer it wraps
     */
    private static void recurrent(Layer layer, org.deeplearning4j.nn.conf.layers.Layer conf, ConversionContext ctx,
                                  boolean wrapped) {
        String mask = ctx.mask();
        String input = ctx.current();
        if (conf instanceof LSTM || conf instanceof GravesLSTM || conf instanceof SimpleRnn) {
            checkLayerNorm(conf, ctx);
            Layout layout = Sequences.layout(((BaseRecurrentLayer) conf).getRnnDataFormat());
            StepMask m = mask != null && (wrapped || conf instanceof SimpleRnn) ? StepMask.given() : StepMask.none();
            String what = conf instanceof LSTM ? "lstm" : conf instanceof GravesLSTM ? "gravesLstm" : "simpleRnn";
            addCell(ctx, what, cell(layer, "", conf, layout, false, m, ctx), m, input);
            ctx.setSequence(layout);
        } else if (conf instanceof GravesBidirectionalLSTM g) {
            Layout layout = Sequences.layout(g.getRnnDataFormat());
            gravesPair(layer, g, layout, mask != null ? StepMask.given() : StepMask.none(), input, ctx);
            ctx.setSequence(layout);
        } else if (conf instanceof Bidirectional b) {
            bidirectionalPair(layer, b, input, mask, wrapped, ctx);
        } else {
            throw ctx.unsupported(conf.getClass().getSimpleName() + " is not supported here");
        }
    }

    private static void bidirectionalPair(Layer layer, Bidirectional conf, String input, String mask,
                                          boolean wrapped, ConversionContext ctx) {
        org.deeplearning4j.nn.conf.layers.Layer inner = conf.getFwd();
        boolean lastStep = inner instanceof LastTimeStep;
        org.deeplearning4j.nn.conf.layers.Layer rnn = lastStep ? ((LastTimeStep) inner).getUnderlying() : inner;
        if (!(rnn instanceof LSTM || rnn instanceof GravesLSTM || rnn instanceof SimpleRnn)) {
            throw ctx.unsupported("Bidirectional wraps " + (lastStep ? "LastTimeStep(" : "")
                    + rnn.getClass().getSimpleName() + (lastStep ? ")" : "") + "; supported: LSTM, GravesLSTM, "
                    + "SimpleRnn, and LastTimeStep of one of them");
        }
        checkLayerNorm(rnn, ctx);
        Layout layout = Sequences.layout(((BaseRecurrentLayer) rnn).getRnnDataFormat());
        // DL4J reverses the input and the mask over the whole axis for the backward layer and its output back: the
        // same as running that layer from the last step to the first over the original positions.
        boolean masked = mask != null && (wrapped || lastStep || rnn instanceof SimpleRnn);
        StepMask m = masked ? StepMask.given() : StepMask.none();
        String fwd = addCell(ctx, "forward", cell(layer, "f", rnn, layout, false, m, ctx), m, input);
        String bwd = addCell(ctx, "backward", cell(layer, "b", rnn, layout, true, m, ctx), m, input);
        if (lastStep) {
            // The backward layer's last step of the reversed sequence is the first (unmasked) step here.
            fwd = ctx.add("forwardLast", new TimeStepNode(layout, StepSelection.LAST), withMask(fwd, mask));
            bwd = ctx.add("backwardFirst", new TimeStepNode(layout, StepSelection.FIRST), withMask(bwd, mask));
        }
        RuleNode merge = switch (conf.getMode()) {
            case CONCAT -> new ConcatNode(lastStep ? 1 : layout.channelAxis());
            case ADD -> WeightedSumNode.sum(2);
            case MUL -> new ProductNode();
            case AVERAGE -> new WeightedSumNode(0.5, 0.5);
        };
        ctx.add(conf.getMode().toString().toLowerCase(java.util.Locale.ROOT), merge, fwd, bwd);
        ctx.setSequence(lastStep ? null : layout);
        if (lastStep) {
            ctx.setMask(null);
        }
    }

    private static void gravesPair(Layer layer, GravesBidirectionalLSTM conf, Layout layout, StepMask mask,
                                   String input, ConversionContext ctx) {
        IActivation act = conf.getActivationFn();
        IActivation gate = conf.getGateActivationFn();
        ElementwiseFunction a = function(act, "activation", ctx);
        ElementwiseFunction g = function(gate, "gate activation", ctx);
        String fwd = addCell(ctx, "forward", new LstmNode(param(layer, "WF", ctx), param(layer, "RWF", ctx),
                layer.getParam("bF"), a, g, true, layout, false, mask), mask, input);
        String bwd = addCell(ctx, "backward", new LstmNode(param(layer, "WB", ctx), param(layer, "RWB", ctx),
                layer.getParam("bB"), a, g, true, layout, true, mask), mask, input);
        ctx.add("sum", WeightedSumNode.sum(2), fwd, bwd);
    }

    /** One direction of an LSTM, GravesLSTM or SimpleRnn, reading parameters {@code prefix + "W"} etc. */
    private static RecurrentNode cell(Layer layer, String prefix, org.deeplearning4j.nn.conf.layers.Layer conf,
                                      Layout layout, boolean backwards, StepMask mask, ConversionContext ctx) {
        INDArray w = param(layer, prefix + "W", ctx);
        INDArray rw = param(layer, prefix + "RW", ctx);
        INDArray b = layer.getParam(prefix + "b");
        if (conf instanceof SimpleRnn s) {
            return new SimpleRnnNode(w, rw, b, function(s.getActivationFn(), "activation", ctx), layout, backwards,
                    mask);
        }
        IActivation act = conf instanceof LSTM l ? l.getActivationFn() : ((GravesLSTM) conf).getActivationFn();
        IActivation gate = conf instanceof LSTM l ? l.getGateActivationFn()
                : ((GravesLSTM) conf).getGateActivationFn();
        return new LstmNode(w, rw, b, function(act, "activation", ctx), function(gate, "gate activation", ctx),
                conf instanceof GravesLSTM, layout, backwards, mask);
    }

    private static String addCell(ConversionContext ctx, String what, RecurrentNode node, StepMask mask,
                                  String input) {
        return mask.kind() == StepMask.Kind.GIVEN ? ctx.add(what, node, input, ctx.mask()) : ctx.add(what, node, input);
    }

    private static String[] withMask(String node, String mask) {
        return mask == null ? new String[] {node} : new String[] {node, mask};
    }

    private static void checkLayerNorm(org.deeplearning4j.nn.conf.layers.Layer conf, ConversionContext ctx) {
        if (conf instanceof SimpleRnn s && s.hasLayerNorm()) {
            throw ctx.unsupported("SimpleRnn with layer normalization (hasLayerNorm) fails at inference in DL4J "
                    + "1.0.0-M2.1 (\"Indices are out of range\": it indexes its rank-1 gain as a matrix), so there is "
                    + "no output to explain");
        }
    }

    private static ElementwiseFunction function(IActivation a, String role, ConversionContext ctx) {
        return ElementwiseFunctions.fromActivation(a).orElseThrow(() -> ctx.unsupported("its " + role + " " + a
                + " is not elementwise (or not known to be)"));
    }

    private static INDArray param(Layer layer, String key, ConversionContext ctx) {
        INDArray p = layer.getParam(key);
        if (p == null) {
            throw ctx.unsupported("it has no parameter \"" + key + "\"");
        }
        return p;
    }
}
