package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.plot.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A box plot drawn with {@code java.awt} (headless): one box per sample, left to right, on a shared vertical axis.
 * Each box spans the first to the third quartile ({@link Quartiles}) with a line at the median; whiskers reach the
 * most extreme values within 1.5 interquartile ranges of the box (Tukey), and values beyond are drawn as dots.
 * A dashed line marks 0 when it is in range.
 *
 * <pre>{@code
 * Figure f = BoxPlot.titled("8 → 3").withYLabel("log-odds increase")
 *         .withBox("Rescale", rescaleValues).withBox("IG-5", igValues).render();
 * f.save(Path.of("box.png"));
 * }</pre>
 *
 * <p>Immutable: each {@code with} method returns a new plot.
 */
public final class BoxPlot {
    /** The fill of the boxes. */
    public static final Color BOX_FILL = new Color(0xA6C8E8);
    /** The median line. */
    public static final Color MEDIAN = new Color(0xD62728);
    /** Box outlines, whiskers and the axis. */
    public static final Color INK = Color.BLACK;
    static final int SLOT = 150;
    static final int LEFT = 70;
    static final int RIGHT = 20;
    static final int TOP = 40;
    static final int BOTTOM = 50;
    static final int PLOT_HEIGHT = 320;
    static final int BOX_WIDTH = 56;
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private final String title;
    private final String yLabel;
    private final List<String> labels;
    private final List<double[]> samples;

    private BoxPlot(String title, String yLabel, List<String> labels, List<double[]> samples) {
        this.title = title;
        this.yLabel = yLabel;
        this.labels = labels;
        this.samples = samples;
    }

    /** An empty plot under this title. */
    public static BoxPlot titled(String title) {
        return new BoxPlot(title == null ? "" : title, "", List.of(), List.of());
    }

    /** The plot with a label for the vertical axis. */
    public BoxPlot withYLabel(String label) {
        return new BoxPlot(title, label == null ? "" : label, labels, samples);
    }

    /**
     * The plot with one more box, to the right of the others.
     *
     * @throws IllegalArgumentException if there are no values, or one is NaN or infinite
     */
    public BoxPlot withBox(String label, double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("box \"" + label + "\" has no values");
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("box \"" + label + "\" holds " + v);
            }
        }
        List<String> l = new ArrayList<>(labels);
        l.add(label == null ? "" : label);
        List<double[]> s = new ArrayList<>(samples);
        s.add(values.clone());
        return new BoxPlot(title, yLabel, List.copyOf(l), List.copyOf(s));
    }

    /** Draws the plot. */
    public Figure render() {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("The box plot has no box: add one with withBox(label, values)");
        }
        Axis axis = axis();
        BufferedImage image = new BufferedImage(width(), TOP + PLOT_HEIGHT + BOTTOM,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            drawAxis(g, axis);
            for (int i = 0; i < samples.size(); i++) {
                drawBox(g, axis, i);
            }
            drawText(g);
        } finally {
            g.dispose();
        }
        return Figure.of(image);
    }

    /** Width of the rendered figure in pixels. */
    int width() {
        return LEFT + SLOT * samples.size() + RIGHT;
    }

    /** The horizontal centre of box {@code i}. */
    static int centerX(int i) {
        return LEFT + SLOT * i + SLOT / 2;
    }

    /** The vertical scale of this plot's data. */
    Axis axis() {
        double lo = 0;
        double hi = 0;
        for (double[] s : samples) {
            for (double v : s) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
        }
        if (hi == lo) {
            hi = lo + 1;
        }
        double pad = 0.05 * (hi - lo); // keeps the extreme dots off the frame
        return new Axis(lo - pad, hi + pad);
    }

    private void drawAxis(Graphics2D g, Axis axis) {
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        int right = width() - RIGHT;
        for (double tick : axis.ticks()) {
            int y = axis.y(tick);
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(LEFT, y, right, y);
            g.setColor(INK);
            g.drawLine(LEFT - 4, y, LEFT, y);
            String text = formatTick(tick);
            g.drawString(text, LEFT - 6 - fm.stringWidth(text), y + fm.getAscent() / 2 - 1);
        }
        if (axis.min() < 0 && axis.max() > 0) {
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {4f, 4f}, 0f));
            g.drawLine(LEFT, axis.y(0), right, axis.y(0));
            g.setStroke(new BasicStroke(1f));
        }
        g.setColor(INK);
        g.drawLine(LEFT, TOP, LEFT, TOP + PLOT_HEIGHT);
        g.drawLine(LEFT, TOP + PLOT_HEIGHT, right, TOP + PLOT_HEIGHT);
    }

    private void drawBox(Graphics2D g, Axis axis, int i) {
        double[] values = samples.get(i);
        Quartiles q = Quartiles.of(values);
        double lowFence = q.q1() - 1.5 * q.iqr();
        double highFence = q.q3() + 1.5 * q.iqr();
        double lowWhisker = q.q1();
        double highWhisker = q.q3();
        for (double v : values) {
            if (v >= lowFence && v < lowWhisker) {
                lowWhisker = v;
            }
            if (v <= highFence && v > highWhisker) {
                highWhisker = v;
            }
        }
        int cx = centerX(i);
        int left = cx - BOX_WIDTH / 2;
        int top = axis.y(q.q3());
        int bottom = axis.y(q.q1());
        g.setColor(INK);
        g.drawLine(cx, axis.y(highWhisker), cx, top);
        g.drawLine(cx, bottom, cx, axis.y(lowWhisker));
        g.drawLine(cx - BOX_WIDTH / 4, axis.y(highWhisker), cx + BOX_WIDTH / 4, axis.y(highWhisker));
        g.drawLine(cx - BOX_WIDTH / 4, axis.y(lowWhisker), cx + BOX_WIDTH / 4, axis.y(lowWhisker));
        g.setColor(BOX_FILL);
        g.fillRect(left, top, BOX_WIDTH, Math.max(bottom - top, 1));
        g.setColor(INK);
        g.drawRect(left, top, BOX_WIDTH, Math.max(bottom - top, 1));
        g.setColor(MEDIAN);
        g.fillRect(left + 1, axis.y(q.median()) - 1, BOX_WIDTH - 1, 3); // 3 px thick, centred on the median
        g.setColor(Color.GRAY);
        for (double v : values) {
            if (v < lowFence || v > highFence) {
                g.drawOval(cx - 2, axis.y(v) - 2, 4, 4);
            }
        }
    }

    private void drawText(Graphics2D g) {
        g.setColor(INK);
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            g.drawString(label, centerX(i) - fm.stringWidth(label) / 2, TOP + PLOT_HEIGHT + 8 + fm.getAscent());
        }
        if (!yLabel.isEmpty()) {
            Graphics2D r = (Graphics2D) g.create();
            try {
                r.rotate(-Math.PI / 2);
                r.drawString(yLabel, -(TOP + PLOT_HEIGHT / 2) - fm.stringWidth(yLabel) / 2, 14);
            } finally {
                r.dispose();
            }
        }
        g.setFont(TITLE);
        FontMetrics tm = g.getFontMetrics();
        g.drawString(title, (width() - tm.stringWidth(title)) / 2, TOP / 2 + tm.getAscent() / 2);
    }

    private static String formatTick(double v) {
        // Ticks are multiples of 1, 2 or 5 times a power of ten: six significant digits show them exactly.
        return new BigDecimal(v).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * The vertical scale: {@code min} at the bottom of the plot area, {@code max} at its top.
     *
     * @param min value at the bottom edge
     * @param max value at the top edge
     */
    record Axis(double min, double max) {
        /** The pixel row of a value. */
        int y(double value) {
            return TOP + (int) Math.round((max - value) / (max - min) * PLOT_HEIGHT);
        }

        /** Round tick values inside the range, about five of them (steps of 1, 2 or 5 times a power of ten). */
        List<Double> ticks() {
            double raw = (max - min) / 5;
            double power = Math.pow(10, Math.floor(Math.log10(raw)));
            double step = raw / power < 2 ? power : raw / power < 5 ? 2 * power : 5 * power;
            List<Double> ticks = new ArrayList<>();
            for (double t = Math.ceil(min / step) * step; t <= max + 1e-12; t += step) {
                ticks.add(Math.round(t / step) * step);
            }
            return ticks;
        }
    }
}
