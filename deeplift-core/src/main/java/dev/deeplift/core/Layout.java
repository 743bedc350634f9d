package dev.deeplift.core;

import java.util.Arrays;

/**
 * The order of the axes of an image or sequence array, with a batch axis ({@code N}) first or for one example: the
 * one layout type of the library, used by references, pictures and the command line. Letters follow DL4J's
 * {@code CNN2DFormat} and {@code RNNFormat}: {@code C} channels, {@code H} height, {@code W} width, which for
 * sequences is the position (time step, base).
 *
 * <pre>{@code
 * Reference.gaussianBlur(2.0, Layout.NCHW);              // images as DL4J's convolutions take them
 * Reference.dinucleotideShuffled(20, 7L, Layout.NWC);    // one-hot DNA [N, L, 4]
 * Plots.heatmap(scores, Layout.NCHW);
 * }</pre>
 */
public enum Layout {
    /** {@code [N, C, H, W]}: images, channels first (DL4J's default for convolutions). */
    NCHW(1, 2, 3),
    /** {@code [N, H, W, C]}: images, channels last. */
    NHWC(3, 1, 2),
    /** {@code [C, H, W]}: one image, channels first. */
    CHW(0, 1, 2),
    /** {@code [H, W, C]}: one image, channels last. */
    HWC(2, 0, 1),
    /** {@code [H, W]}: one single-channel image. */
    HW(-1, 0, 1),
    /** {@code [N, C, W]}: sequences, channels first (DL4J's default for 1D convolutions and recurrent layers). */
    NCW(1, -1, 2),
    /** {@code [N, W, C]}: sequences, channels last (one row of channels per position; Keras' layout). */
    NWC(2, -1, 1),
    /** {@code [C, W]}: one sequence, a row per channel. */
    CW(0, -1, 1),
    /** {@code [W, C]}: one sequence, a row per position. */
    WC(1, -1, 0);

    private final int channelAxis;
    private final int heightAxis;
    private final int widthAxis;

    Layout(int channelAxis, int heightAxis, int widthAxis) {
        this.channelAxis = channelAxis;
        this.heightAxis = heightAxis;
        this.widthAxis = widthAxis;
    }

    /** The number of axes, e.g. 4 for {@link #NCHW}. */
    public int rank() {
        return name().length();
    }

    /** True if the first axis counts examples. */
    public boolean hasBatch() {
        return name().charAt(0) == 'N';
    }

    /** True for image layouts (with a height axis). */
    public boolean isImage() {
        return heightAxis >= 0;
    }

    /** True for sequence layouts (no height axis). */
    public boolean isSequence() {
        return heightAxis < 0;
    }

    /** True if the channels come after the spatial axes. */
    public boolean channelsLast() {
        return channelAxis == rank() - 1;
    }

    /** The channel axis, or -1 for {@link #HW}. */
    public int channelAxis() {
        return channelAxis;
    }

    /** The height axis, or -1 for sequences. */
    public int heightAxis() {
        return heightAxis;
    }

    /** The width axis: for sequences, the axis of the positions. */
    public int widthAxis() {
        return widthAxis;
    }

    /** The same layout without its batch axis ({@code NCHW → CHW}); itself if it has none. */
    public Layout perExample() {
        return hasBatch() ? valueOf(name().substring(1)) : this;
    }

    /** The same layout with a batch axis ({@code CHW → NCHW}); itself if it has one. */
    public Layout batched() {
        return hasBatch() ? this : valueOf("N" + name());
    }

    /** The shape this layout expects, e.g. {@code "[N, C, H, W]"}. */
    public String describe() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < name().length(); i++) {
            sb.append(i == 0 ? "" : ", ").append(name().charAt(i));
        }
        return sb.append(']').toString();
    }

    /**
     * The sequence layout of a shape of rank 2 or 3 from which of its last two axes has {@code channels} entries
     * (4 for one-hot DNA).
     *
     * @throws IllegalArgumentException if the rank is not 2 or 3, no axis has that size, or both have
     */
    public static Layout detectSequence(long[] shape, long channels) {
        if (shape == null || (shape.length != 2 && shape.length != 3)) {
            throw new IllegalArgumentException("Sequences must have shape [W, C], [C, W], [N, W, C] or [N, C, W]; got "
                    + (shape == null ? "null" : Arrays.toString(shape)));
        }
        boolean batch = shape.length == 3;
        long first = shape[shape.length - 2];
        long second = shape[shape.length - 1];
        if (first == channels && second == channels) {
            throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " is ambiguous (are the "
                    + channels + " channels first or last?): pass a Layout, e.g. " + (batch ? "NWC or NCW" : "WC or CW"));
        }
        if (second == channels) {
            return batch ? NWC : WC;
        }
        if (first == channels) {
            return batch ? NCW : CW;
        }
        throw new IllegalArgumentException("Shape " + Arrays.toString(shape) + " has no axis of " + channels
                + " channels: expected [W, " + channels + "], [" + channels + ", W], [N, W, " + channels + "] or [N, "
                + channels + ", W]");
    }
}
