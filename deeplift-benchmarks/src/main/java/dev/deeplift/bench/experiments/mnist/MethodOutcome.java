package dev.deeplift.bench.experiments.mnist;

import java.util.Arrays;
import java.util.Objects;

/**
 * What erasing by one method's scores did for one target class.
 *
 * @param method          the method's name
 * @param target          the target class
 * @param logOddsIncrease per image, {@code (z_target − z_original)} after erasure minus before
 * @param erasedPixels    per image, how many pixels were erased
 */
public record MethodOutcome(String method, int target, double[] logOddsIncrease, int[] erasedPixels) {
    /** Both arrays are given and of one length. */
    public MethodOutcome {
        Objects.requireNonNull(method, "method");
        if (logOddsIncrease.length != erasedPixels.length) {
            throw new IllegalArgumentException(logOddsIncrease.length + " increases but " + erasedPixels.length
                    + " erased counts");
        }
    }

    /** The summary of the log-odds increases. */
    public Quartiles summary() {
        return Quartiles.of(logOddsIncrease);
    }

    /** Mean number of pixels erased per image. */
    public double meanErasedPixels() {
        return Arrays.stream(erasedPixels).average().orElse(Double.NaN);
    }
}
