package dev.deeplift.bench.experiments.mnist;

import java.util.Arrays;

/**
 * The five-number summary of a sample, and its mean. Quantiles interpolate linearly between order statistics (the
 * quantile {@code q} of {@code n} sorted values is at position {@code q × (n − 1)}; NumPy's and R's default,
 * Hyndman-Fan type 7), so the median of an even count is the mean of the middle two.
 *
 * @param count  number of values
 * @param min    smallest value
 * @param q1     first quartile
 * @param median second quartile
 * @param q3     third quartile
 * @param max    largest value
 * @param mean   arithmetic mean
 */
public record Quartiles(int count, double min, double q1, double median, double q3, double max, double mean) {

    /**
     * The summary of {@code values}.
     *
     * @throws IllegalArgumentException if there are no values, or one is NaN
     */
    public static Quartiles of(double[] values) {
        if (values == null || values.length == 0) {
            throw new IllegalArgumentException("no values to summarise");
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        if (Double.isNaN(sorted[sorted.length - 1])) { // Arrays.sort puts NaN last
            throw new IllegalArgumentException("a value is NaN");
        }
        double mean = Arrays.stream(sorted).sum() / sorted.length;
        return new Quartiles(sorted.length, sorted[0], quantile(sorted, 0.25), quantile(sorted, 0.5),
                quantile(sorted, 0.75), sorted[sorted.length - 1], mean);
    }

    /** The quantile {@code q} of sorted values, linearly interpolated. */
    static double quantile(double[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }

    /** Interquartile range, {@code q3 − q1}. */
    public double iqr() {
        return q3 - q1;
    }
}
