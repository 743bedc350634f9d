package dev.deeplift.bench.talgata;

import dev.deeplift.plot.Figure;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart of false-negative rates for one motif and masking: per method, our rate (red, as in the paper) and
 * beside it the authors' (grey) where they published one, each labelled with its percentage.
 */
public final class FalseNegativeBars {
    static final Color OURS = new Color(0xE0, 0x10, 0x10);
    static final Color AUTHORS = new Color(0x99, 0x99, 0x99);
    private static final int SLOT = 96;
    private static final int HEIGHT = 300;
    private static final int BOTTOM = 64;

    private FalseNegativeBars() {
    }

    /**
     * Draws the chart.
     *
     * @param rows one per method, in the order to draw
     */
    public static Figure render(List<Figure5Row> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("No rows to draw");
        }
        double top = 1;
        for (Figure5Row r : rows) {
            top = Math.max(top, finite(r.ours().percent()));
            top = Math.max(top, r.authors().map(AuthorsFigure5.Published::percent).orElse(0.0));
        }
        int n = rows.size();
        PlotArea area = new PlotArea(58 + 12 + n * SLOT, HEIGHT, BOTTOM, 0, n, 0, top * 1.3);
        Graphics2D g = area.graphics();
        g.setFont(PlotArea.TICK_FONT);
        FontMetrics fm = g.getFontMetrics();
        for (int i = 0; i < n; i++) {
            Figure5Row r = rows.get(i);
            bar(area, fm, i + 0.2, r.ours().percent(), OURS);
            if (r.authors().isPresent()) {
                bar(area, fm, i + 0.52, r.authors().get().percent(), AUTHORS);
            }
            int y = area.plotBottom() + 4;
            for (String line : wrap(r.label(), 14)) {
                y += fm.getAscent();
                g.setColor(Color.DARK_GRAY);
                g.drawString(line, area.px(i + 0.5) - fm.stringWidth(line) / 2, y);
            }
        }
        area.axes(false, null, "% false negatives");
        g.setColor(OURS);
        g.fillRect(area.px(0) + 8, 16, 10, 10);
        g.setColor(Color.DARK_GRAY);
        g.drawString("ours", area.px(0) + 22, 25);
        g.setColor(AUTHORS);
        g.fillRect(area.px(0) + 62, 16, 10, 10);
        g.setColor(Color.DARK_GRAY);
        g.drawString("authors", area.px(0) + 76, 25);
        return Figure.of(area.finish());
    }

    private static void bar(PlotArea area, FontMetrics fm, double left, double percent, Color color) {
        Graphics2D g = area.graphics();
        double v = finite(percent);
        int x0 = area.px(left);
        int x1 = area.px(left + 0.28);
        int y = area.py(v);
        g.setColor(color);
        g.fillRect(x0, y, Math.max(1, x1 - x0), Math.max(1, area.plotBottom() - y));
        g.setColor(Color.DARK_GRAY);
        String s = Double.isNaN(percent) ? "–" : String.format(Locale.ROOT, "%.2f", percent);
        g.drawString(s, (x0 + x1) / 2 - fm.stringWidth(s) / 2, y - 3);
    }

    private static double finite(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** Splits a label at spaces into lines of about {@code width} characters. */
    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }
}
