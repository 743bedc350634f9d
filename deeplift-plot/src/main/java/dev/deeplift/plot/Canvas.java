package dev.deeplift.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

/** Blank white images, refused up front when too large to hold, since a batch times a scale grows quickly. */
final class Canvas {
    /** 64 Mi pixels, 256 MiB as RGB ints. */
    static final long MAX_PIXELS = 1L << 26;

    private Canvas() {
    }

    /** A white RGB image. */
    static BufferedImage blank(long width, long height, String what) {
        checkSize(width, height, what);
        BufferedImage image = new BufferedImage((int) width, (int) height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Fails if an image of this size is empty or too large to draw. */
    static void checkSize(long width, long height, String what) {
        if (width < 1 || height < 1 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE
                || width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("The " + what + " would be " + width + " x " + height
                    + " pixels; at most " + MAX_PIXELS + " pixels are drawn: lower the scale or draw fewer examples");
        }
    }
}
