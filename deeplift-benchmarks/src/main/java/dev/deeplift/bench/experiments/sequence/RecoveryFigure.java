package dev.deeplift.bench.experiments.sequence;

import dev.deeplift.plot.Figure;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The experiment's figure, drawn with {@code java.awt} (headless): two grouped bar charts (planted positions in the
 * top k; sequences whose top k are all planted), a bar per model beside each method, the chance level dashed;
 * below them, for the first scored sequence of each model, every method's position scores as a bar track over the
 * sequence, the planted positions shaded.
 */
public final class RecoveryFigure {
    /** A colour per model, in the results' order. */
    static final Color[] MODEL_COLORS = {new Color(0x1F77B4), new Color(0xFF7F0E), new Color(0x2CA02C)};
    static final Color PLANTED = new Color(0xFFE8A8);
    static final int WIDTH = 1100;
    private static final int CHART_HEIGHT = 260;
    private static final int TRACK_HEIGHT = 46;
    private static final int LEFT = 190;
    private static final int RIGHT = 20;
    private static final Font TEXT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 14);

    private RecoveryFigure() {
    }

    /** Draws the figure; every model has the same methods in the same order. */
    public static Figure render(MotifPairTask task, List<ModelRecovery> results) {
        if (results.isEmpty() || results.size() > MODEL_COLORS.length) {
            throw new IllegalArgumentException("Between 1 and " + MODEL_COLORS.length + " models, got "
                    + results.size());
        }
        int methods = results.get(0).methods().size();
        int tracksHeight = results.size() * (50 + methods * TRACK_HEIGHT);
        int height = 2 * CHART_HEIGHT + tracksHeight + 20;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, height);
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            int k = task.plantedPositions();
            bars(g, 0, results, "Planted positions in the top " + k + " (mean over sequences)",
                    MethodRecovery::recall, PlantedRecovery.chanceRecall(k, task.length()));
            bars(g, CHART_HEIGHT, results, "Sequences whose top " + k + " are all planted positions",
                    MethodRecovery::allPlanted, PlantedRecovery.chanceAllPlanted(k, task.length()));
            int y = 2 * CHART_HEIGHT;
            for (int r = 0; r < results.size(); r++) {
                y = tracks(g, y, results.get(r), MODEL_COLORS[r]);
            }
        } finally {
            g.dispose();
        }
        return Figure.of(image);
    }

    private static void bars(Graphics2D g, int top, List<ModelRecovery> results, String title,
                             ToDoubleFunction<MethodRecovery> value, double chance) {
        List<MethodRecovery> methods = results.get(0).methods();
        int plotTop = top + 40;
        int plotBottom = top + CHART_HEIGHT - 60;
        int plotLeft = 60;
        int plotRight = WIDTH - RIGHT;
        double slot = (plotRight - plotLeft) / (double) methods.size();
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        g.drawString(title, plotLeft, top + 24);
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        for (int pct = 0; pct <= 100; pct += 25) {
            int y = plotBottom - (int) Math.round(pct / 100.0 * (plotBottom - plotTop));
            g.setColor(new Color(0xE6E6E6));
            g.drawLine(plotLeft, y, plotRight, y);
            g.setColor(Color.BLACK);
            String s = pct + " %";
            g.drawString(s, plotLeft - 6 - fm.stringWidth(s), y + fm.getAscent() / 2 - 1);
        }
        double barWidth = slot * 0.7 / results.size();
        for (int j = 0; j < methods.size(); j++) {
            double x0 = plotLeft + j * slot + slot * 0.15;
            for (int r = 0; r < results.size(); r++) {
                double v = value.applyAsDouble(results.get(r).methods().get(j));
                int h = (int) Math.round(v * (plotBottom - plotTop));
                int x = (int) Math.round(x0 + r * barWidth);
                g.setColor(MODEL_COLORS[r]);
                g.fillRect(x, plotBottom - h, (int) Math.max(1, barWidth - 2), h);
                g.setColor(Color.DARK_GRAY);
                String s = String.format(Locale.ROOT, "%.0f", 100 * v);
                g.drawString(s, x + (int) (barWidth - 2) / 2 - fm.stringWidth(s) / 2, plotBottom - h - 3);
            }
            String label = methods.get(j).label();
            int cx = (int) Math.round(plotLeft + (j + 0.5) * slot);
            drawCentred(g, fm, label, cx, plotBottom + 16, (int) slot - 6);
        }
        if (chance > 0.005) { // a chance level of practically 0 would only hide the axis
            int yc = plotBottom - (int) Math.round(chance * (plotBottom - plotTop));
            g.setColor(Color.GRAY);
            g.setStroke(new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                    new float[] {5f, 4f}, 0f));
            g.drawLine(plotLeft, yc, plotRight, yc);
            g.setStroke(new BasicStroke(1f));
            g.drawString("chance", plotRight - fm.stringWidth("chance") - 2, yc - 3);
        }
        g.setColor(Color.BLACK);
        g.drawLine(plotLeft, plotTop, plotLeft, plotBottom);
        g.drawLine(plotLeft, plotBottom, plotRight, plotBottom);
        int lx = plotRight - 20 - legendWidth(fm, results);
        for (int r = 0; r < results.size(); r++) {
            g.setColor(MODEL_COLORS[r]);
            g.fillRect(lx, top + 14, 12, 12);
            g.setColor(Color.BLACK);
            String name = results.get(r).model().model().label();
            g.drawString(name, lx + 16, top + 25);
            lx += 30 + fm.stringWidth(name);
        }
    }

    private static int legendWidth(FontMetrics fm, List<ModelRecovery> results) {
        int w = 0;
        for (ModelRecovery r : results) {
            w += 30 + fm.stringWidth(r.model().model().label());
        }
        return w;
    }

    /** Word-wraps a label into lines no wider than {@code width}, centred on {@code cx}. */
    private static void drawCentred(Graphics2D g, FontMetrics fm, String text, int cx, int y, int width) {
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > width) {
                g.drawString(line.toString(), cx - fm.stringWidth(line.toString()) / 2, y);
                y += fm.getHeight();
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        g.drawString(line.toString(), cx - fm.stringWidth(line.toString()) / 2, y);
    }

    private static int tracks(Graphics2D g, int top, ModelRecovery result, Color color) {
        String seq = result.exampleSequence();
        int length = seq.length();
        int plotLeft = LEFT;
        double cell = (WIDTH - RIGHT - plotLeft) / (double) length;
        g.setFont(TITLE);
        g.setColor(Color.BLACK);
        g.drawString(result.model().model().label() + ": position scores of the first scored sequence (planted "
                + "motifs shaded)", 10, top + 20);
        g.setFont(TEXT);
        FontMetrics fm = g.getFontMetrics();
        int y = top + 30;
        for (MethodRecovery m : result.methods()) {
            double[] s = m.exampleScores();
            double max = 1e-12;
            for (double v : s) {
                max = Math.max(max, Math.abs(v));
            }
            int mid = y + TRACK_HEIGHT / 2;
            g.setColor(PLANTED);
            for (int p : result.examplePlanted()) {
                g.fillRect(plotLeft + (int) Math.round(p * cell), y + 2, (int) Math.ceil(cell), TRACK_HEIGHT - 4);
            }
            g.setColor(Color.LIGHT_GRAY);
            g.drawLine(plotLeft, mid, WIDTH - RIGHT, mid);
            for (int p = 0; p < length; p++) {
                int h = (int) Math.round(s[p] / max * (TRACK_HEIGHT / 2 - 4));
                int x = plotLeft + (int) Math.round(p * cell) + 1;
                g.setColor(s[p] >= 0 ? color : Color.GRAY);
                g.fillRect(x, h >= 0 ? mid - h : mid, (int) Math.max(1, cell - 2), Math.abs(h));
            }
            g.setColor(Color.BLACK);
            g.drawString(m.label(), 10, mid + fm.getAscent() / 2 - 1);
            y += TRACK_HEIGHT;
        }
        g.setColor(Color.DARK_GRAY);
        for (int p = 0; p < length; p++) {
            String b = String.valueOf(seq.charAt(p));
            g.drawString(b, plotLeft + (int) Math.round((p + 0.5) * cell) - fm.stringWidth(b) / 2, y + 12);
        }
        return y + 20;
    }
}
