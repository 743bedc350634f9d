package dev.deeplift.core;

import java.util.Objects;

/**
 * Which output unit to explain: an output of the network (by name or index) and a unit of it, the same for every
 * example or one per example; for a sequence output (per-step outputs such as DL4J's {@code RnnOutputLayer}), also
 * the time step.
 *
 * <pre>{@code
 * Target.of("out2", 3)                 // unit 3 of output "out2"
 * Target.of(1, 3)                      // unit 3 of the second output
 * Target.perExample("out2", 3, 0, 1)   // a unit per example
 * Target.unitAtStep(3, 9)              // unit 3 at time step 9 of the (single) sequence output
 * Target.of("tags", 3).atStep(9)       // the same on a named output
 * Target.perExample(0, 3, 0).atSteps(9, 4)   // a unit and a step per example
 * }</pre>
 *
 * <p>A sequence output must be given a step, and only a sequence output may be. Steps index the output's time axis
 * ({@code t} of {@code [N, K, T]} or {@code [N, T, K]}), counted from 0 whatever the layout.
 */
public final class Target {
    private final String output;
    private final int outputIndex;
    private final int unit;
    private final int[] units;
    private final int[] steps;

    private Target(String output, int outputIndex, int unit, int[] units, int[] steps) {
        this.output = output;
        this.outputIndex = outputIndex;
        this.unit = unit;
        this.units = units;
        this.steps = steps;
    }

    /** Unit {@code unit} of the named output, for every example. */
    public static Target of(String output, int unit) {
        return new Target(Objects.requireNonNull(output, "output"), -1, unit, null, null);
    }

    /** Unit {@code unit} of output number {@code outputIndex}, for every example. */
    public static Target of(int outputIndex, int unit) {
        return new Target(null, outputIndex, unit, null, null);
    }

    /** One unit per example of the named output. */
    public static Target perExample(String output, int... units) {
        return new Target(Objects.requireNonNull(output, "output"), -1, -1, units.clone(), null);
    }

    /** One unit per example of output number {@code outputIndex}. */
    public static Target perExample(int outputIndex, int... units) {
        return new Target(null, outputIndex, -1, units.clone(), null);
    }

    /** Unit {@code unit} at time step {@code step} of the first (or only) output, a sequence, for every example. */
    public static Target unitAtStep(int unit, int step) {
        return of(0, unit).atStep(step);
    }

    /** The same unit(s) at time step {@code step} of a sequence output, for every example. */
    public Target atStep(int step) {
        return new Target(output, outputIndex, unit, units, new int[] {step});
    }

    /** The same unit(s) at one time step per example of a sequence output. */
    public Target atSteps(int... steps) {
        return new Target(output, outputIndex, unit, units, Objects.requireNonNull(steps, "steps").clone());
    }

    /** The output's name, or null if given by index. */
    public String output() {
        return output;
    }

    /** The output's index, or -1 if given by name. */
    public int outputIndex() {
        return outputIndex;
    }

    /** The units for a batch of {@code n} examples. */
    public int[] units(int n) {
        if (units != null) {
            return units.clone();
        }
        int[] t = new int[n];
        java.util.Arrays.fill(t, unit);
        return t;
    }

    /** True if the target names time steps. */
    public boolean hasSteps() {
        return steps != null;
    }

    /**
     * The time steps for a batch of {@code n} examples, or null if none were given.
     *
     * @throws IllegalArgumentException if one step per example was given for another number of examples
     */
    public int[] steps(int n) {
        if (steps == null) {
            return null;
        }
        if (steps.length == 1) {
            int[] t = new int[n];
            java.util.Arrays.fill(t, steps[0]);
            return t;
        }
        if (steps.length != n) {
            throw new IllegalArgumentException("Got " + steps.length + " time steps for " + n
                    + " examples: give one step per example, or one for all");
        }
        return steps.clone();
    }

    @Override
    public String toString() {
        String o = output != null ? "\"" + output + "\"" : "#" + outputIndex;
        String s = steps == null ? "" : steps.length == 1 ? ", step " + steps[0] : ", steps "
                + java.util.Arrays.toString(steps);
        return "Target{" + o + ", " + (units != null ? java.util.Arrays.toString(units) : "unit " + unit) + s + "}";
    }
}
