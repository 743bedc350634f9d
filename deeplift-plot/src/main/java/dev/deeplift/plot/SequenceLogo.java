package dev.deeplift.plot;

import dev.deeplift.core.Layout;
import dev.deeplift.core.genomics.Dna;
import dev.deeplift.core.Attribution;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.Comparator;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The scores of a one-hot DNA sequence as a sequence logo: at each position the letters A, C, G, T (channels
 * 0..3) stacked with heights proportional to their scores, positive ones above a horizontal axis and negative ones
 * below it, the smallest nearest the axis. The vertical scale is shared by all positions drawn, so that the
 * tallest stack above and the deepest below just fill the height.
 *
 * <pre>{@code
 * Figure f = SequenceLogo.of(a.scores(), Layout.NCW)    // [N, 4, L]
 *         .withExample(0).withWindow(100, 140).render();       // positions 100..139
 * }</pre>
 *
 * <p>For one-hot input, DeepLIFT's scores are zero on every base but the one present, so each position shows
 * one letter. Immutable: each {@code with} method returns a new logo. Shapes, examples and windows are checked when
 * given; values (NaN, infinity) when rendered, only those drawn.
 */
public final class SequenceLogo {
    /** White space around the letters, in pixels. */
    static final int PADDING = 8;
    /** The zero line. */
    static final Color AXIS_COLOR = new Color(0x404040);
    static final int DEFAULT_POSITION_WIDTH = 20;
    static final int DEFAULT_HEIGHT = 160;

    private final INDArray scores;
    private final Layout layout;
    private final int example;
    private final int start;
    private final int end;
    private final int positionWidth;
    private final int height;

    private SequenceLogo(INDArray scores, Layout layout, int example, int start, int end,
            int positionWidth, int height) {
        this.scores = scores;
        this.layout = layout;
        this.example = example;
        this.start = start;
        this.end = end;
        this.positionWidth = positionWidth;
        this.height = height;
    }

    /**
     * A logo of every position of one-hot scores in {@code layout}.
     *
     * @throws IllegalArgumentException if {@code scores} is null, empty, of the wrong rank, or has no channel
     *                                  axis of size 4
     */
    public static SequenceLogo of(INDArray scores, Layout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("layout is null");
        }
        Checks.array(scores, layout.rank(), layout.describe(), "scores");
        int channelAxis = layout.channelAxis();
        if (scores.size(channelAxis) != Dna.BASES) {
            throw new IllegalArgumentException("scores have shape " + Arrays.toString(scores.shape())
                    + " but layout " + layout + " " + layout.describe() + " needs 4 channels (A, C, G, T) on axis "
                    + channelAxis);
        }
        int length = (int) scores.size(layout.widthAxis());
        return new SequenceLogo(scores, layout, Checks.UNSET, 0, length, DEFAULT_POSITION_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * A logo of one-hot scores whose layout follows from the axis of size 4 ({@link Layout#detectSequence}).
     *
     * @throws IllegalArgumentException also if the layout is ambiguous, e.g. {@code [4, 4]}
     */
    public static SequenceLogo of(INDArray scores) {
        if (scores == null) {
            throw new IllegalArgumentException("scores is null");
        }
        return of(scores, Layout.detectSequence(scores.shape(), Dna.BASES));
    }

    /** A logo of an attribution's {@link Attribution#scores() scores}, layout detected. */
    public static SequenceLogo of(Attribution attribution) {
        if (attribution == null) {
            throw new IllegalArgumentException("attribution is null");
        }
        return of(attribution.scores());
    }

    /** The same logo of example {@code example} of a batch (default: the only one). */
    public SequenceLogo withExample(int example) {
        Checks.example(scores, layout.hasBatch(), example, "scores");
        return new SequenceLogo(scores, layout, example, start, end, positionWidth, height);
    }

    /**
     * The same logo of positions {@code start} (inclusive) to {@code end} (exclusive) only.
     *
     * @throws IllegalArgumentException unless {@code 0 <= start < end <= length}
     */
    public SequenceLogo withWindow(int start, int end) {
        int length = length();
        if (start < 0 || end > length || start >= end) {
            throw new IllegalArgumentException("Window [" + start + ", " + end + ") is out of range: the sequence "
                    + "has " + length + " positions, so 0 <= start < end <= " + length);
        }
        return new SequenceLogo(scores, layout, example, start, end, positionWidth, height);
    }

    /** The same logo with each position {@code pixels} wide (default 20). */
    public SequenceLogo withPositionWidth(int pixels) {
        return new SequenceLogo(scores, layout, example, start, end, Checks.atLeastOne(pixels, "position width"),
                height);
    }

    /** The same logo with letters filling {@code pixels} from the highest stack to the lowest (default 160). */
    public SequenceLogo withHeight(int pixels) {
        return new SequenceLogo(scores, layout, example, start, end, positionWidth,
                Checks.atLeastOne(pixels, "height"));
    }

    /** The number of positions of the sequence. */
    public int length() {
        return (int) scores.size(layout.widthAxis());
    }

    /**
     * Draws the logo: {@code (end − start) × positionWidth} pixels wide, {@code height + 1} high (the letters and
     * the axis line), plus padding on every side.
     *
     * @throws IllegalArgumentException if no example was chosen among several, or a drawn score is NaN or infinite
     */
    public Figure render() {
        int ex = Checks.resolveExample(scores, layout.hasBatch(), example, "scores",
                "choose one with withExample(i) or Plots.sequenceLogo(scores, i, start, end)");
        double[][] window = windowScores(ex);
        double above = 0;
        double below = 0;
        for (double[] position : window) {
            above = Math.max(above, Arrays.stream(position).filter(s -> s > 0).sum());
            below = Math.max(below, -Arrays.stream(position).filter(s -> s < 0).sum());
        }
        int n = window.length;
        // One more row than the letters need: the axis line gets its own, so that it hides no letter.
        BufferedImage image = Canvas.blank(2L * PADDING + (long) n * positionWidth, 2L * PADDING + height + 1,
                "sequence logo");
        // Pixels per unit of score; with no score at all the axis sits in the middle and no letter is drawn.
        double unit = above + below > 0 ? height / (above + below) : 0;
        int axis = PADDING + (above + below > 0 ? (int) Math.round(above * unit) : height / 2);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            // Letters keep a sliver of white between positions, where there is room for one.
            double inset = positionWidth >= 6 ? 1 : 0;
            for (int i = 0; i < n; i++) {
                drawStack(g, window[i], PADDING + i * positionWidth + inset, positionWidth - 2 * inset, axis, unit);
            }
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_OFF);
            g.setColor(AXIS_COLOR);
            g.drawLine(PADDING, axis, PADDING + n * positionWidth - 1, axis);
        } finally {
            g.dispose();
        }
        return new Figure(image);
    }

    /**
     * One position: letters sorted by |score|, each stacked outward from the axis on its side. Positive letters end
     * at the axis row; negative ones start on the row below it.
     */
    private static void drawStack(Graphics2D g, double[] position, double x, double width, int axis, double unit) {
        Integer[] order = {0, 1, 2, 3};
        Arrays.sort(order, Comparator.comparingDouble(c -> Math.abs(position[c])));
        double up = axis;
        double down = axis + 1;
        for (int c : order) {
            double h = Math.abs(position[c]) * unit;
            if (h <= 0) {
                continue;
            }
            Base base = Base.of(c);
            g.setColor(base.color());
            if (position[c] > 0) {
                up -= h;
                g.fill(base.fitted(x, up, width, h));
            } else {
                g.fill(base.fitted(x, down, width, h));
                down += h;
            }
        }
    }

    /** {@code [end − start][4]}: the drawn scores of one example, checked to be finite. */
    private double[][] windowScores(int ex) {
        ExampleValues v = ExampleValues.of(scores, layout.hasBatch(), ex);
        int[] at = new int[2];
        double[][] out = new double[end - start][Dna.BASES];
        for (int i = 0; i < out.length; i++) {
            for (int c = 0; c < Dna.BASES; c++) {
                at[layout.perExample().widthAxis()] = start + i;
                at[layout.perExample().channelAxis()] = c;
                double s = v.at(at);
                if (!Double.isFinite(s)) {
                    throw new IllegalArgumentException("scores have a " + (Double.isNaN(s) ? "NaN" : "infinite")
                            + " value" + ExampleValues.where(layout.hasBatch(), ex) + " at position " + (start + i)
                            + ", base " + Base.of(c));
                }
                out[i][c] = s;
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return "SequenceLogo[" + Arrays.toString(scores.shape()) + " " + layout
                + (example == Checks.UNSET ? "" : ", example " + example) + ", window [" + start + ", " + end + ")]";
    }
}
