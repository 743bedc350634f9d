package dev.deeplift.bench.talgata;

import java.util.Arrays;
import java.util.Objects;

/**
 * What computing one method's scores cost and how exact they were, per task, over all the sequences of a run.
 *
 * @param method            the method's key
 * @param label             the method's name
 * @param seconds           wall-clock seconds per task (tasks 0, 1, 2)
 * @param maxSummationError per task, the largest {@code |Σ scores − Δlogit|} over the sequences (for DeepSHAP
 *                          over the (sequence, reference) pairs, before averaging)
 */
public record MethodRun(String method, String label, double[] seconds, double[] maxSummationError) {
    /** Checks one value per task and copies the arrays. */
    public MethodRun {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(label, "label");
        if (seconds.length != TalGataData.TASKS || maxSummationError.length != TalGataData.TASKS) {
            throw new IllegalArgumentException("Need one time and one error per task (" + TalGataData.TASKS + ")");
        }
        seconds = seconds.clone();
        maxSummationError = maxSummationError.clone();
    }

    /** Seconds per task (a copy). */
    @Override
    public double[] seconds() {
        return seconds.clone();
    }

    /** Largest summation-to-delta error per task (a copy). */
    @Override
    public double[] maxSummationError() {
        return maxSummationError.clone();
    }

    /** Seconds over the three tasks. */
    public double totalSeconds() {
        return Arrays.stream(seconds).sum();
    }
}
