package dev.deeplift.cli;

import dev.deeplift.core.Layout;
import dev.deeplift.core.genomics.Dna;
import java.util.Arrays;
import java.util.Locale;

/**
 * The value of {@code --layout}: where the channels of the inputs are, a batched {@link Layout} or {@code auto}
 * ({@link #AUTO}, a null layout). Images ({@code NCHW}, {@code NHWC}) matter for {@code --png}; sequences
 * ({@code NCW}, {@code NWC}) for {@code shuffled-dna} references. {@code auto} takes {@code NCHW} for rank-4 inputs
 * (DL4J's default) and, for rank-3 one-hot sequences, the axis of size 4 as the channels ({@code NCW} if both are).
 *
 * @param layout the layout given, or null for {@code auto}
 */
record LayoutOption(Layout layout) {
    /** Told by the input's shape. */
    static final LayoutOption AUTO = new LayoutOption(null);

    /** Parses {@code --layout}'s value (any case). */
    static LayoutOption parse(String value) {
        if (value.equalsIgnoreCase("auto")) {
            return AUTO;
        }
        try {
            Layout l = Layout.valueOf(value.toUpperCase(Locale.ROOT));
            if (l.hasBatch()) {
                return new LayoutOption(l);
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw CliException.usage("--layout must be auto, NCHW, NHWC, NCW or NWC; got '" + value + "'");
    }

    /** The image layout of inputs of this shape, for heatmaps. */
    Layout imageLayout(long[] shape) {
        if (shape.length != 4) {
            throw CliException.failure("--png draws images [N, C, H, W] or [N, H, W, C]; the input has shape "
                    + Arrays.toString(shape));
        }
        if (layout == null) {
            return Layout.NCHW;
        }
        if (!layout.isImage()) {
            throw CliException.usage("--layout " + this + " is a sequence layout; --png needs NCHW or NHWC");
        }
        return layout;
    }

    /** The sequence layout of one-hot inputs of this shape, for dinucleotide shuffling. */
    Layout sequenceLayout(long[] shape) {
        if (shape.length != 3) {
            throw CliException.failure("shuffled-dna references need one-hot sequences [N, 4, L] or [N, L, 4]; the "
                    + "input has shape " + Arrays.toString(shape));
        }
        if (layout != null) {
            if (!layout.isSequence()) {
                throw CliException.usage("--layout " + this + " is an image layout; shuffled-dna needs NCW, NWC or "
                        + "auto");
            }
            return layout;
        }
        if (shape[1] == Dna.BASES) {
            return Layout.NCW;
        }
        if (shape[2] == Dna.BASES) {
            return Layout.NWC;
        }
        throw CliException.failure("shuffled-dna references need one-hot sequences [N, 4, L] or [N, L, 4]; the input "
                + "has shape " + Arrays.toString(shape) + " (give --layout NCW or NWC for another alphabet)");
    }

    @Override
    public String toString() {
        return layout == null ? "auto" : layout.name();
    }
}
