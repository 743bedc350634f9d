package dev.deeplift.cli;

import dev.deeplift.core.reference.SequenceLayout;
import dev.deeplift.plot.ImageLayout;
import java.util.Arrays;
import java.util.Locale;

/**
 * The values of {@code --layout}: where the channels of the inputs are. Images ({@code NCHW}, {@code NHWC}) matter
 * for {@code --png}; sequences ({@code NCW}, {@code NWC}) for {@code shuffled-dna} references. {@link #AUTO} takes
 * {@code NCHW} for rank-4 inputs (DL4J's default) and, for rank-3 one-hot sequences, the axis of size 4 as the
 * channels ({@code NCW} if both are).
 */
enum InputLayout {
    /** Told by the input's shape. */
    AUTO,
    /** Images {@code [N, C, H, W]}. */
    NCHW,
    /** Images {@code [N, H, W, C]}. */
    NHWC,
    /** Sequences {@code [N, C, W]}: channels (bases) first, DL4J's default for 1D convolutions. */
    NCW,
    /** Sequences {@code [N, W, C]}: channels (bases) last. */
    NWC;

    /** DNA has four bases: the alphabet axis of a one-hot sequence has size 4. */
    private static final long BASES = 4;

    /** Parses {@code --layout}'s value (any case). */
    static InputLayout parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw CliException.usage("--layout must be auto, NCHW, NHWC, NCW or NWC; got '" + value + "'");
        }
    }

    /** The image layout of inputs of this shape, for heatmaps. */
    ImageLayout imageLayout(long[] shape) {
        if (shape.length != 4) {
            throw CliException.failure("--png draws images [N, C, H, W] or [N, H, W, C]; the input has shape "
                    + Arrays.toString(shape));
        }
        return switch (this) {
            case AUTO, NCHW -> ImageLayout.NCHW;
            case NHWC -> ImageLayout.NHWC;
            default -> throw CliException.usage("--layout " + this + " is a sequence layout; --png needs NCHW or NHWC");
        };
    }

    /** The sequence layout of one-hot inputs of this shape, for dinucleotide shuffling. */
    SequenceLayout sequenceLayout(long[] shape) {
        if (shape.length != 3) {
            throw CliException.failure("shuffled-dna references need one-hot sequences [N, 4, L] or [N, L, 4]; the "
                    + "input has shape " + Arrays.toString(shape));
        }
        return switch (this) {
            case NCW -> SequenceLayout.CHANNELS_FIRST;
            case NWC -> SequenceLayout.CHANNELS_LAST;
            case AUTO -> {
                if (shape[1] == BASES) {
                    yield SequenceLayout.CHANNELS_FIRST;
                }
                if (shape[2] == BASES) {
                    yield SequenceLayout.CHANNELS_LAST;
                }
                throw CliException.failure("shuffled-dna references need one-hot sequences [N, 4, L] or [N, L, 4]; "
                        + "the input has shape " + Arrays.toString(shape) + " (give --layout NCW or NWC for "
                        + "another alphabet)");
            }
            default -> throw CliException.usage("--layout " + this + " is an image layout; shuffled-dna needs NCW, "
                    + "NWC or auto");
        };
    }

    @Override
    public String toString() {
        return this == AUTO ? "auto" : name();
    }
}
