package dev.deeplift.plot;

/**
 * The heatmap's colour map: white at zero, toward pure red for positive and pure blue for negative values, full
 * colour at the ends of a symmetric scale. Over an input image the same blend starts from the pixel's grey
 * instead of white, so a zero score shows the input and a full score shows pure colour.
 */
final class DivergingColors {
    /**
     * The grey of the input's darkest pixel, on a 0..1 scale: inputs are drawn faded (black as dark grey) so that
     * blue and red stay readable over them.
     */
    static final double INPUT_FLOOR = 0.4;

    private DivergingColors() {
    }

    /**
     * The colour of a score, {@code 0xRRGGBB}.
     *
     * @param value score
     * @param limit the |score| drawn in full colour; 0 when every score is 0 (then all is background)
     * @param grey  the background's grey level in [0, 1]: 1 for white
     */
    static int rgb(double value, double limit, double grey) {
        double t = limit > 0 ? Math.max(-1.0, Math.min(1.0, value / limit)) : 0.0;
        double a = Math.abs(t);
        double base = 255.0 * grey;
        int full = (int) Math.round(base + a * (255.0 - base));
        int none = (int) Math.round(base * (1.0 - a));
        return t >= 0 ? pack(full, none, none) : pack(none, none, full);
    }

    /** The background grey of an input pixel whose normalised value is {@code g} in [0, 1]. */
    static double inputGrey(double g) {
        return INPUT_FLOOR + (1.0 - INPUT_FLOOR) * g;
    }

    private static int pack(int r, int g, int b) {
        return (r << 16) | (g << 8) | b;
    }
}
