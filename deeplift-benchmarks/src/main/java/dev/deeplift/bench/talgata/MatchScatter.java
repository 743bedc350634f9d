package dev.deeplift.bench.talgata;

import dev.deeplift.plot.Figure;
import java.awt.Color;
import java.awt.Graphics2D;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * One panel of a Figure 5 scatter plot: motif matches at their log-odds (x) against a method's summed score over
 * them (y), one colour per sequence class, translucent, over a black line at zero. Points are drawn in a shuffled
 * (seeded) order, as the authors do, so that no class is hidden under another just for being drawn last.
 */
public final class MatchScatter {
    /** Panel size in pixels. */
    static final int WIDTH = 340;
    static final int HEIGHT = 210;
    private static final int RADIUS = 3;
    private static final int ALPHA = 77; // 0.3 of 255, the authors' alpha

    private MatchScatter() {
    }

    /**
     * Draws a panel.
     *
     * @param points the matches; may be empty
     * @param xMax   the right end of the x axis (the left end is 0)
     * @param yMin   the bottom of the y axis
     * @param yMax   the top of the y axis
     * @param xLabel the x axis label, or null
     * @param yLabel the y axis label, or null
     */
    public static Figure render(List<MatchPoint> points, double xMax, double yMin, double yMax, String xLabel,
                                String yLabel) {
        PlotArea area = new PlotArea(WIDTH, HEIGHT, 40, 0, xMax, yMin, yMax);
        Graphics2D g = area.graphics();
        List<MatchPoint> order = new ArrayList<>(points);
        Collections.shuffle(order, new Random(0));
        for (MatchPoint p : order) {
            Color c = p.kind().color();
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), ALPHA));
            int x = area.px(p.logOdds());
            int y = area.py(Math.max(yMin, Math.min(yMax, p.score()))); // clipped to the frame, never dropped
            g.fillOval(x - RADIUS, y - RADIUS, 2 * RADIUS, 2 * RADIUS);
        }
        area.horizontalLine(0, Color.BLACK);
        area.axes(true, xLabel, yLabel);
        return Figure.of(area.finish());
    }

    /** A legend: one coloured dot and name per sequence class. */
    public static Figure legend() {
        PlotArea area = new PlotArea(WIDTH, HEIGHT, 40, 0, 1, 0, 1);
        Graphics2D g = area.graphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setFont(PlotArea.LABEL_FONT);
        int y = 40;
        for (SequenceClass c : SequenceClass.values()) {
            g.setColor(c.color());
            g.fillOval(40, y - 9, 10, 10);
            g.setColor(Color.DARK_GRAY);
            g.drawString(c.label() + " (" + c.labelText() + ")", 58, y);
            y += 26;
        }
        return Figure.of(area.finish());
    }
}
