package dev.deeplift.cli;

import java.util.Map;
import java.util.Set;

/** The options of one command line, after {@link OptionParser} checked them against their specs. */
final class ParsedOptions {
    private final Map<String, OptionSpec> specs;
    private final Map<String, String> values;
    private final Set<String> flags;

    ParsedOptions(Map<String, OptionSpec> specs, Map<String, String> values, Set<String> flags) {
        this.specs = Map.copyOf(specs);
        this.values = Map.copyOf(values);
        this.flags = Set.copyOf(flags);
    }

    /** The option's value, or its default (null for a required option that was not given). */
    String value(String name) {
        return values.getOrDefault(name, spec(name).defaultValue());
    }

    /** The value of an option that must be given. */
    String required(String name) {
        String v = values.get(name);
        if (v == null) {
            throw CliException.usage("missing " + name + " " + spec(name).valueName() + " (see --help)");
        }
        return v;
    }

    /** True if the flag was given. */
    boolean flag(String name) {
        spec(name);
        return flags.contains(name);
    }

    /** True if the option was given on the command line (not left at its default). */
    boolean given(String name) {
        return values.containsKey(name) || flags.contains(name);
    }

    private OptionSpec spec(String name) {
        OptionSpec s = specs.get(name);
        if (s == null) {
            throw new IllegalArgumentException("no option " + name + " is declared");
        }
        return s;
    }
}
