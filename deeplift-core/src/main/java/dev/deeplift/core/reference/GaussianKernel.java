package dev.deeplift.core.reference;

/**
 * A one-dimensional Gaussian blur over a line of {@code n} values with half-sample reflected edges, as a table of
 * source indices and weights per output position (the reflection folded in), so each line is blurred by one pass of
 * multiply-adds in a fixed order.
 */
final class GaussianKernel {
    /** Standard deviations beyond which the kernel is cut off. */
    static final double TRUNCATE = 4.0;

    private final int[][] sources;
    private final double[][] weights;

    /**
     * @param sigma the standard deviation in samples, {@code > 0}
     * @param n     the line length, {@code ≥ 1}
     */
    GaussianKernel(double sigma, int n) {
        double[] g = weights(sigma);
        int radius = g.length / 2;
        sources = new int[n][g.length];
        weights = new double[n][g.length];
        for (int i = 0; i < n; i++) {
            for (int k = -radius; k <= radius; k++) {
                sources[i][k + radius] = reflect(i + k, n);
                weights[i][k + radius] = g[k + radius];
            }
        }
    }

    /** The normalised kernel, {@code 2·ceil(4σ) + 1} weights summing to 1, centre in the middle. */
    static double[] weights(double sigma) {
        int radius = (int) Math.ceil(TRUNCATE * sigma);
        double[] g = new double[2 * radius + 1];
        double sum = 0;
        for (int k = -radius; k <= radius; k++) {
            g[k + radius] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += g[k + radius];
        }
        for (int k = 0; k < g.length; k++) {
            g[k] /= sum;
        }
        return g;
    }

    /** Half-sample symmetric reflection, {@code … 1 0 | 0 1 … n−1 | n−1 n−2 …}, for any distance outside. */
    static int reflect(int i, int n) {
        int m = Math.floorMod(i, 2 * n);
        return m < n ? m : 2 * n - 1 - m;
    }

    /**
     * Blurs {@code n} values read from {@code in[offset + j·stride]} into {@code out} at the same places.
     */
    void blur(double[] in, double[] out, int offset, int stride) {
        for (int i = 0; i < sources.length; i++) {
            double acc = 0;
            int[] src = sources[i];
            double[] w = weights[i];
            for (int k = 0; k < src.length; k++) {
                acc += w[k] * in[offset + src[k] * stride];
            }
            out[offset + i * stride] = acc;
        }
    }
}
