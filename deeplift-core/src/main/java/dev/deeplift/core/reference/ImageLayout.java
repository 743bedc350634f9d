package dev.deeplift.core.reference;

/**
 * Where the channels of an image batch are.
 *
 * <pre>{@code
 * Reference blur = Reference.gaussianBlur(2.0, ImageLayout.CHANNELS_FIRST);   // DL4J's CNN default
 * }</pre>
 */
public enum ImageLayout {
    /** {@code [N, C, H, W]} (NCHW), DL4J's default for convolutions. */
    CHANNELS_FIRST,
    /** {@code [N, H, W, C]} (NHWC). */
    CHANNELS_LAST;

    /** The axis of the image height in a batch of this layout. */
    public int heightAxis() {
        return this == CHANNELS_FIRST ? 2 : 1;
    }

    /** The axis of the image width in a batch of this layout. */
    public int widthAxis() {
        return heightAxis() + 1;
    }

    /** The axis of the channels in a batch of this layout. */
    public int channelAxis() {
        return this == CHANNELS_FIRST ? 1 : 3;
    }
}
