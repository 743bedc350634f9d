package dev.deeplift.bench.experiments.attention;

import dev.deeplift.plot.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * The experiment's picture: one bar per method (the share of sequences whose k top-scoring positions are their k
 * planted tokens), and beside it one example sequence with every method's position scores (red positive, blue
 * negative, each row scaled to its largest magnitude; planted tokens framed).
 */
public final class PlantedTokenFigure {
    private static final int ROW = 34;
    private static final int CELL = 34;
    private static final int LABEL = 300;
    private static final int BAR = 260;

    private PlantedTokenFigure() {
    }

    /**
     * @param results   every method's outcome, in order
     * @param example   the example's tokens
     * @param rowScores per method (same order), the example's position scores
     * @param planted   the planted positions of the example
     */
    public static Figure render(List<MethodHits> results, int[] example, List<double[]> rowScores, int... planted) {
        int width = LABEL + BAR + 60 + CELL * example.length + 20;
        int height = 70 + ROW * results.size() + 50;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.drawString("All planted positions in the top k", LABEL, 24);
        g.drawString("One sequence: position scores (tokens below)", LABEL + BAR + 60, 24);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        int top = 50;
        for (int m = 0; m < results.size(); m++) {
            MethodHits r = results.get(m);
            int y = top + m * ROW;
            g.setColor(Color.BLACK);
            g.drawString(r.method(), 10, y + ROW / 2 + 5);
            int w = (int) Math.round(BAR * r.allInTopK());
            g.setColor(new Color(0x4C78A8));
            g.fillRect(LABEL, y + 6, w, ROW - 12);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%.0f%%", 100 * r.allInTopK()), LABEL + w + 4, y + ROW / 2 + 5);
            double[] s = rowScores.get(m);
            double max = 1e-30;
            for (double v : s) {
                max = Math.max(max, Math.abs(v));
            }
            for (int t = 0; t < s.length; t++) {
                int x = LABEL + BAR + 60 + t * CELL;
                g.setColor(color(s[t] / max));
                g.fillRect(x, y + 2, CELL - 2, ROW - 4);
            }
        }
        g.setStroke(new BasicStroke(2.5f));
        g.setColor(Color.BLACK);
        for (int p : planted) {
            int x = LABEL + BAR + 60 + p * CELL;
            g.drawRect(x - 1, top, CELL, ROW * results.size());
        }
        g.setFont(new Font(Font.MONOSPACED, Font.BOLD, 14));
        for (int t = 0; t < example.length; t++) {
            String token = example[t] == PlantedTokenTask.A ? "A" : example[t] == PlantedTokenTask.B ? "B"
                    : Integer.toString(example[t]);
            g.drawString(token, LABEL + BAR + 60 + t * CELL + CELL / 2 - 5, top + ROW * results.size() + 22);
        }
        g.dispose();
        return Figure.of(image);
    }

    /** White at 0, red towards +1, blue towards −1. */
    private static Color color(double v) {
        double a = Math.min(1, Math.abs(v));
        int fade = (int) Math.round(255 * (1 - a));
        return v >= 0 ? new Color(255, fade, fade) : new Color(fade, fade, 255);
    }
}
