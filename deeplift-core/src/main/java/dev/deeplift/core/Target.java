package dev.deeplift.core;

import java.util.Objects;

/**
 * Which output unit to explain: an output of the network (by name or index) and a unit of it, the same for every
 * example or one per example.
 *
 * <pre>{@code
 * Target.of("out2", 3)                 // unit 3 of output "out2"
 * Target.of(1, 3)                      // unit 3 of the second output
 * Target.perExample("out2", 3, 0, 1)   // a unit per example
 * }</pre>
 */
public final class Target {
    private final String output;
    private final int outputIndex;
    private final int unit;
    private final int[] units;

    private Target(String output, int outputIndex, int unit, int[] units) {
        this.output = output;
        this.outputIndex = outputIndex;
        this.unit = unit;
        this.units = units;
    }

    /** Unit {@code unit} of the named output, for every example. */
    public static Target of(String output, int unit) {
        return new Target(Objects.requireNonNull(output, "output"), -1, unit, null);
    }

    /** Unit {@code unit} of output number {@code outputIndex}, for every example. */
    public static Target of(int outputIndex, int unit) {
        return new Target(null, outputIndex, unit, null);
    }

    /** One unit per example of the named output. */
    public static Target perExample(String output, int... units) {
        return new Target(Objects.requireNonNull(output, "output"), -1, -1, units.clone());
    }

    /** One unit per example of output number {@code outputIndex}. */
    public static Target perExample(int outputIndex, int... units) {
        return new Target(null, outputIndex, -1, units.clone());
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

    @Override
    public String toString() {
        String o = output != null ? "\"" + output + "\"" : "#" + outputIndex;
        return "Target{" + o + ", " + (units != null ? java.util.Arrays.toString(units) : "unit " + unit) + "}";
    }
}
