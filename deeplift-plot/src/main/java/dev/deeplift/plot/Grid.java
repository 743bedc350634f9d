package dev.deeplift.plot;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.font.LineMetrics;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Figures in rows and columns, each with a title above it, in one picture. Cells are filled row by row; every
 * cell is as large as the largest figure, and smaller figures are centred in theirs.
 *
 * <pre>{@code
 * Figure f = Grid.of(2).with("Rescale", rescale).with("Gradient", gradient).render();
 * }</pre>
 *
 * <p>Immutable: {@link #with} returns a new grid.
 */
public final class Grid {
    /** White space between cells and around the grid, in pixels. */
    static final int GAP = 8;
    /** Titles: dark grey on white, so that they read on any figure's background. */
    static final Color TITLE_COLOR = new Color(0x202020);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 13);
    private static final int TITLE_PADDING = 3;

    private final int columns;
    private final List<String> titles;
    private final List<Figure> figures;

    private Grid(int columns, List<String> titles, List<Figure> figures) {
        this.columns = columns;
        this.titles = titles;
        this.figures = figures;
    }

    /** An empty grid with at most {@code columns} cells per row. */
    public static Grid of(int columns) {
        return new Grid(Checks.atLeastOne(columns, "columns"), List.of(), List.of());
    }

    /** The grid with one more cell, after the others. */
    public Grid with(String title, Figure figure) {
        if (figure == null) {
            throw new IllegalArgumentException("figure is null (title \"" + title + "\")");
        }
        List<String> t = new ArrayList<>(titles);
        t.add(title == null ? "" : title);
        List<Figure> f = new ArrayList<>(figures);
        f.add(figure);
        return new Grid(columns, Collections.unmodifiableList(t), Collections.unmodifiableList(f));
    }

    /** The number of cells. */
    public int size() {
        return figures.size();
    }

    /**
     * Draws the grid: {@code min(columns, size())} columns and as many rows as needed.
     *
     * @throws IllegalArgumentException if the grid has no cell, or would be too large to draw
     */
    public Figure render() {
        if (figures.isEmpty()) {
            throw new IllegalArgumentException("The grid has no cell: add figures with with(title, figure)");
        }
        int cols = Math.min(columns, figures.size());
        int rows = (figures.size() + cols - 1) / cols;
        int cellWidth = figures.stream().mapToInt(Figure::width).max().orElseThrow();
        int cellHeight = figures.stream().mapToInt(Figure::height).max().orElseThrow();
        int band = titleHeight();
        long width = (long) cols * cellWidth + (long) (cols + 1) * GAP;
        long height = (long) rows * (band + cellHeight) + (long) (rows + 1) * GAP;
        BufferedImage image = Canvas.blank(width, height, "grid");
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(TITLE_FONT);
            g.setColor(TITLE_COLOR);
            FontMetrics metrics = g.getFontMetrics();
            for (int i = 0; i < figures.size(); i++) {
                int x = GAP + (i % cols) * (cellWidth + GAP);
                int y = GAP + (i / cols) * (band + cellHeight + GAP);
                drawTitle(g, metrics, titles.get(i), x, y, cellWidth);
                Figure f = figures.get(i);
                // Figures are drawn from the package-private image: no copy per cell.
                g.drawImage(f.imageForDrawing(), x + (cellWidth - f.width()) / 2, y + band, null);
            }
        } finally {
            g.dispose();
        }
        return new Figure(image);
    }

    /** The height of the band above each cell that holds its title. */
    static int titleHeight() {
        LineMetrics m = TITLE_FONT.getLineMetrics("Ag", new FontRenderContext(null, true, true));
        return (int) Math.ceil(m.getAscent() + m.getDescent()) + 2 * TITLE_PADDING;
    }

    private static void drawTitle(Graphics2D g, FontMetrics metrics, String title, int x, int y, int width) {
        if (title.isEmpty()) {
            return;
        }
        // Centred; a title wider than its cell is cut at the cell's edges rather than spilling into the next.
        int textX = x + Math.max(0, (width - metrics.stringWidth(title)) / 2);
        Graphics2D clipped = (Graphics2D) g.create(x, y, width, titleHeight());
        try {
            clipped.drawString(title, textX - x, TITLE_PADDING + metrics.getAscent());
        } finally {
            clipped.dispose();
        }
    }

    @Override
    public String toString() {
        return "Grid[" + figures.size() + " cells, " + columns + " columns, titles " + titles + "]";
    }
}
