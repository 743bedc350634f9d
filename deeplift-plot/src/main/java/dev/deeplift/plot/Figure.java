package dev.deeplift.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import javax.imageio.ImageIO;

/**
 * A finished picture: an RGB image that no one can change once made. {@link #image()} hands out copies.
 *
 * <pre>{@code
 * Figure f = Plots.heatmap(scores, Layout.NCHW);
 * f.save(Path.of("heatmap.png"));                      // PNG
 * int rgb = f.rgb(0, 0);                               // 0xRRGGBB of the top-left pixel
 * }</pre>
 */
public final class Figure {
    private final BufferedImage image;

    /** Takes ownership of {@code image}: only for images made in this package and never shared. */
    Figure(BufferedImage image) {
        this.image = image;
    }

    /** A figure holding a copy of any image, e.g. to place it in a {@link Grid}. */
    public static Figure of(BufferedImage image) {
        Objects.requireNonNull(image, "image");
        return new Figure(copy(image));
    }

    /** Width in pixels. */
    public int width() {
        return image.getWidth();
    }

    /** Height in pixels. */
    public int height() {
        return image.getHeight();
    }

    /** The colour of one pixel, {@code 0xRRGGBB} (no copy of the image is made). */
    public int rgb(int x, int y) {
        if (x < 0 || y < 0 || x >= width() || y >= height()) {
            throw new IllegalArgumentException("Pixel (" + x + ", " + y + ") is outside the " + width() + " x "
                    + height() + " figure");
        }
        return image.getRGB(x, y) & 0xFFFFFF;
    }

    /** A copy of the image, {@link BufferedImage#TYPE_INT_RGB}; changing it leaves the figure as it was. */
    public BufferedImage image() {
        return copy(image);
    }

    /** The image itself, for drawing into another image in this package; callers must not change it. */
    BufferedImage imageForDrawing() {
        return image;
    }

    /**
     * Writes the figure as a PNG file, replacing any file there.
     *
     * @return {@code file}, so that jshell shows where it went
     * @throws UncheckedIOException if the file cannot be written (unchecked so that one-liners stay one line)
     */
    public Path save(Path file) {
        Objects.requireNonNull(file, "file");
        try (OutputStream out = Files.newOutputStream(file)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer is available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    @Override
    public String toString() {
        return "Figure[" + width() + " x " + height() + "]";
    }

    private static BufferedImage copy(BufferedImage source) {
        BufferedImage out = new BufferedImage(source.getWidth(), source.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        try {
            // White under transparent pixels: a PNG viewer would show them on white, not on black.
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, out.getWidth(), out.getHeight());
            g.drawImage(source, 0, 0, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
