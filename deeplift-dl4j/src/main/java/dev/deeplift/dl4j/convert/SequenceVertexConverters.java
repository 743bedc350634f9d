package dev.deeplift.dl4j.convert;

import dev.deeplift.core.Layout;
import dev.deeplift.core.nodes.recurrent.DuplicateTimeNode;
import dev.deeplift.core.nodes.recurrent.ReverseTimeNode;
import dev.deeplift.core.nodes.recurrent.StepSelection;
import dev.deeplift.core.nodes.recurrent.TimeStepNode;
import org.deeplearning4j.nn.conf.graph.rnn.DuplicateToTimeSeriesVertex;
import org.deeplearning4j.nn.conf.graph.rnn.LastTimeStepVertex;
import org.deeplearning4j.nn.conf.graph.rnn.ReverseTimeSeriesVertex;

/**
 * The ComputationGraph's sequence vertices, registered in {@link Converters}. DL4J 1.0.0-M2.1 implements them for
 * {@code [N, C, T]} (NCW) activations only, reading the mask of a named network input (not the mask propagated
 * through the graph); on NWC activations they act on the wrong axis without an error, so they are refused there.
 */
final class SequenceVertexConverters {
    private SequenceVertexConverters() {
    }

    /** LastTimeStepVertex: each example's last step, or last unmasked step of the named input's mask. */
    static void lastTimeStep(LastTimeStepVertex v, ConversionContext ctx) {
        requireNcw(ctx, "LastTimeStepVertex");
        String name = v.getMaskArrayInputName();
        String mask = name == null ? null : ctx.networkInputMask(name);
        String[] in = mask == null ? new String[] {single(ctx)} : new String[] {single(ctx), mask};
        ctx.add("lastStep", new TimeStepNode(Layout.NCW, StepSelection.LAST), in);
        ctx.setSequence(null);
        ctx.setMask(null);
    }

    /** DuplicateToTimeSeriesVertex: {@code [N, C]} to every step of the named input's length. */
    static void duplicateToTimeSeries(DuplicateToTimeSeriesVertex v, ConversionContext ctx) {
        String input = ctx.networkInput(v.getInputName());
        if (ctx.networkInputLayout(v.getInputName()) == Layout.NWC) {
            throw ctx.unsupported("DuplicateToTimeSeriesVertex reads the length of input \"" + v.getInputName()
                    + "\" from its axis 2, but that input is NWC [N, T, C]: DL4J 1.0.0-M2.1 takes its features for "
                    + "time steps there (no error); use NCW data");
        }
        ctx.add("duplicate", new DuplicateTimeNode(), single(ctx), input);
        ctx.setSequence(Layout.NCW);
        ctx.setMask(ctx.networkInputLayout(v.getInputName()) == null ? null : ctx.networkInputMask(v.getInputName()));
    }

    /** ReverseTimeSeriesVertex: the whole time axis, or each example's unmasked steps among themselves. */
    static void reverseTimeSeries(ReverseTimeSeriesVertex v, ConversionContext ctx) {
        requireNcw(ctx, "ReverseTimeSeriesVertex");
        String name = v.getMaskArrayInputName();
        String mask = name == null ? null : ctx.networkInputMask(name);
        String[] in = mask == null ? new String[] {single(ctx)} : new String[] {single(ctx), mask};
        ctx.add("reverse", new ReverseTimeNode("Cannot explain " + ctx.where() + " with a mask that pads both ends "
                + "of an example: DL4J 1.0.0-M2.1's ReverseTimeSeriesVertex then reads past the end of the sequence "
                + "and writes that value into position T-1"), in);
        // The mask passed on is the incoming one, not reversed (as DL4J does).
    }

    private static void requireNcw(ConversionContext ctx, String vertex) {
        if (ctx.sequence() == Layout.NWC) {
            throw ctx.unsupported(vertex + " reads its input as NCW [N, C, T], but it gets NWC [N, T, C] sequences: "
                    + "DL4J 1.0.0-M2.1 then acts on the feature axis instead of time (no error); use NCW layers "
                    + "before it");
        }
    }

    private static String single(ConversionContext ctx) {
        if (ctx.inputs().size() != 1) {
            throw ctx.unsupported("it takes " + ctx.inputs().size() + " inputs where one is expected");
        }
        return ctx.inputs().get(0);
    }
}
