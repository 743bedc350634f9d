package dev.deeplift.bench.talgata;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A white image with one set of axes: maps data coordinates to pixels, and draws the frame, tick marks and
 * labels. Shared by the scatter plots and the bar charts so that they look alike.
 */
final class PlotArea {
    static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    static final Font LABEL_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int LEFT = 58;
    private static final int RIGHT = 12;
    private static final int TOP = 12;

    private final BufferedImage image;
    private final Graphics2D g;
    private final int bottom;
    private final double xMin;
    private final double xMax;
    private final double yMin;
    private final double yMax;

    /**
     * @param bottom pixels below the plot for tick labels and the x label
     */
    PlotArea(int width, int height, int bottom, double xMin, double xMax, double yMin, double yMax) {
        if (!(xMax > xMin) || !(yMax > yMin)) {
            throw new IllegalArgumentException("Empty plot range x " + xMin + ".." + xMax + ", y " + yMin + ".."
                    + yMax);
        }
        this.image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        this.g = image.createGraphics();
        this.bottom = bottom;
        this.xMin = xMin;
        this.xMax = xMax;
        this.yMin = yMin;
        this.yMax = yMax;
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    }

    Graphics2D graphics() {
        return g;
    }

    int px(double x) {
        return LEFT + (int) Math.round((x - xMin) / (xMax - xMin) * plotWidth());
    }

    int py(double y) {
        return TOP + (int) Math.round((yMax - y) / (yMax - yMin) * plotHeight());
    }

    int plotWidth() {
        return image.getWidth() - LEFT - RIGHT;
    }

    int plotHeight() {
        return image.getHeight() - TOP - bottom;
    }

    int plotBottom() {
        return TOP + plotHeight();
    }

    /** A horizontal line across the plot at {@code y}, e.g. zero. */
    void horizontalLine(double y, Color color) {
        if (y >= yMin && y <= yMax) {
            g.setColor(color);
            g.setStroke(new BasicStroke(1f));
            g.drawLine(LEFT, py(y), LEFT + plotWidth(), py(y));
        }
    }

    /** The frame, y ticks with labels, and (if {@code xTicks}) x ticks with labels; then the axis labels. */
    void axes(boolean xTicks, String xLabel, String yLabel) {
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(LEFT, TOP, plotWidth(), plotHeight());
        g.setFont(TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (double t : ticks(yMin, yMax)) {
            int y = py(t);
            g.drawLine(LEFT - 4, y, LEFT, y);
            String s = tickLabel(t);
            g.drawString(s, LEFT - 6 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        if (xTicks) {
            for (double t : ticks(xMin, xMax)) {
                int x = px(t);
                g.drawLine(x, plotBottom(), x, plotBottom() + 4);
                String s = tickLabel(t);
                g.drawString(s, x - fm.stringWidth(s) / 2, plotBottom() + 6 + fm.getAscent());
            }
        }
        g.setFont(LABEL_FONT);
        FontMetrics lm = g.getFontMetrics();
        if (xLabel != null) {
            g.drawString(xLabel, LEFT + (plotWidth() - lm.stringWidth(xLabel)) / 2,
                    image.getHeight() - lm.getDescent() - 2);
        }
        if (yLabel != null) {
            Graphics2D r = (Graphics2D) g.create();
            r.rotate(-Math.PI / 2);
            r.drawString(yLabel, -(TOP + (plotHeight() + lm.stringWidth(yLabel)) / 2), lm.getAscent() + 1);
            r.dispose();
        }
    }

    /** Finishes drawing and hands out the image. */
    BufferedImage finish() {
        g.dispose();
        return image;
    }

    /** "Nice" tick values (steps of 1, 2 or 5 times a power of ten), about five over the range. */
    static List<Double> ticks(double min, double max) {
        double raw = (max - min) / 5;
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power * (raw / power < 1.5 ? 1 : raw / power < 3.5 ? 2 : raw / power < 7.5 ? 5 : 10);
        List<Double> out = new ArrayList<>();
        for (double t = Math.ceil(min / step) * step; t <= max + step * 1e-9; t += step) {
            out.add(Math.abs(t) < step * 1e-9 ? 0.0 : t);
        }
        return out;
    }

    private static String tickLabel(double t) {
        if (t == Math.rint(t) && Math.abs(t) < 1e6) {
            return Long.toString((long) t);
        }
        String s = String.format(Locale.ROOT, "%.3f", t);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
