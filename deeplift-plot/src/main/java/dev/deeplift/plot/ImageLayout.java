package dev.deeplift.plot;

/**
 * The order of the axes of an image-shaped array: with a batch axis ({@code N}) first, or a single image.
 * Heatmaps sum the channel axis ({@code C}); {@link #HW} has none.
 *
 * <pre>{@code
 * Plots.heatmap(scores, ImageLayout.NCHW);   // scores [N, C, H, W], as DL4J's convolution layers take them
 * Plots.heatmap(scores, ImageLayout.HW);     // one single-channel image [H, W]
 * }</pre>
 */
public enum ImageLayout {
    /** {@code [N, C, H, W]}: a batch, channels first (DL4J's default for convolutions). */
    NCHW("[N, C, H, W]", 1, 2, 3),
    /** {@code [N, H, W, C]}: a batch, channels last. */
    NHWC("[N, H, W, C]", 3, 1, 2),
    /** {@code [C, H, W]}: one image, channels first. */
    CHW("[C, H, W]", 0, 1, 2),
    /** {@code [H, W, C]}: one image, channels last. */
    HWC("[H, W, C]", 2, 0, 1),
    /** {@code [H, W]}: one single-channel image. */
    HW("[H, W]", -1, 0, 1);

    private final String shape;
    private final int channelAxis;
    private final int heightAxis;
    private final int widthAxis;

    ImageLayout(String shape, int channelAxis, int heightAxis, int widthAxis) {
        this.shape = shape;
        this.channelAxis = channelAxis;
        this.heightAxis = heightAxis;
        this.widthAxis = widthAxis;
    }

    /** The shape this layout expects, e.g. {@code "[N, C, H, W]"}. */
    public String describe() {
        return shape;
    }

    /** The number of axes, e.g. 4 for {@link #NCHW}. */
    public int rank() {
        return this == HW ? 2 : hasBatch() ? 4 : 3;
    }

    /** True if the first axis counts examples. */
    public boolean hasBatch() {
        return this == NCHW || this == NHWC;
    }

    /** The channel axis of one example (batch axis removed), or -1 if there is none. */
    int exampleChannelAxis() {
        return channelAxis < 0 ? -1 : channelAxis - batchOffset();
    }

    /** The height axis of one example (batch axis removed). */
    int exampleHeightAxis() {
        return heightAxis - batchOffset();
    }

    /** The width axis of one example (batch axis removed). */
    int exampleWidthAxis() {
        return widthAxis - batchOffset();
    }

    private int batchOffset() {
        return hasBatch() ? 1 : 0;
    }
}
