package dev.deeplift.cli;

/**
 * The values of {@code --target}: which output units to explain. Units are scored before the output activation
 * (logits for a softmax).
 */
sealed interface TargetChoice {

    /** One unit for every example. */
    record Unit(int index) implements TargetChoice {
        @Override
        public String toString() {
            return "unit " + index;
        }
    }

    /** Each example's predicted unit (the largest output). */
    record Predicted() implements TargetChoice {
        @Override
        public String toString() {
            return "predicted";
        }
    }

    /** Every unit of the output, each written to its own file. */
    record All() implements TargetChoice {
        @Override
        public String toString() {
            return "all";
        }
    }

    /** Parses {@code --target}'s value: a unit index, {@code predicted} or {@code all}. */
    static TargetChoice parse(String value) {
        switch (value) {
            case "predicted":
                return new Predicted();
            case "all":
                return new All();
            default:
                try {
                    int index = Integer.parseInt(value);
                    if (index >= 0) {
                        return new Unit(index);
                    }
                } catch (NumberFormatException ignored) {
                    // reported below
                }
                throw CliException.usage("--target must be an output unit index (0, 1, ...), predicted or all; got '"
                        + value + "'");
        }
    }
}
