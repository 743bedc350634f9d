package dev.deeplift.cli;

/**
 * One option a command accepts: {@code --name VALUE} (or {@code --name=VALUE}), or a flag {@code --name}.
 *
 * @param name         with its dashes, e.g. {@code --batch-size}
 * @param valueName    what the value is, e.g. {@code N}; null for a flag
 * @param defaultValue the value when the option is not given; null if the option is required (flags are off)
 * @param description  one sentence for {@code --help}
 */
record OptionSpec(String name, String valueName, String defaultValue, String description) {

    /** An option that takes a value, with its default. */
    static OptionSpec value(String name, String valueName, String defaultValue, String description) {
        return new OptionSpec(name, valueName, defaultValue, description);
    }

    /** An option that takes a value and must be given. */
    static OptionSpec required(String name, String valueName, String description) {
        return new OptionSpec(name, valueName, null, description);
    }

    /** A flag, off unless given. */
    static OptionSpec flag(String name, String description) {
        return new OptionSpec(name, null, null, description);
    }

    /** True for a flag (no value). */
    boolean isFlag() {
        return valueName == null;
    }

    /** True for an option that takes a value and has no default. */
    boolean isRequired() {
        return !isFlag() && defaultValue == null;
    }

    /** What {@code --help} says about the default: {@code default: X}, {@code default: off} or {@code required}. */
    String defaultText() {
        if (isFlag()) {
            return "default: off";
        }
        return isRequired() ? "required" : "default: " + defaultValue;
    }
}
