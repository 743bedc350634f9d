package dev.deeplift.cli;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Parses the options of one command against its {@link OptionSpec}s: {@code --name VALUE}, {@code --name=VALUE}
 * and flags {@code --name}. Anything else (an unknown option, a value without an option, an option given twice, a
 * missing value, a value given to a flag) is a usage error naming the command.
 */
final class OptionParser {
    private final String command;
    private final Map<String, OptionSpec> specs = new LinkedHashMap<>();

    OptionParser(String command, List<OptionSpec> specs) {
        this.command = command;
        specs.forEach(s -> this.specs.put(s.name(), s));
    }

    /** True if the arguments ask for help, wherever {@code --help} or {@code -h} stands among them. */
    static boolean wantsHelp(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                return true;
            }
        }
        return false;
    }

    ParsedOptions parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw CliException.usage("unexpected argument '" + arg + "' for " + command
                        + ": options start with -- (see " + command + " --help)");
            }
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg : arg.substring(0, eq);
            OptionSpec spec = specs.get(name);
            if (spec == null) {
                throw CliException.usage("unknown option " + name + " for " + command + " (see " + command
                        + " --help)");
            }
            if (values.containsKey(name) || flags.contains(name)) {
                throw CliException.usage(name + " is given twice");
            }
            if (spec.isFlag()) {
                if (eq >= 0) {
                    throw CliException.usage(name + " is a flag and takes no value");
                }
                flags.add(name);
                continue;
            }
            String value;
            if (eq >= 0) {
                value = arg.substring(eq + 1);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                throw CliException.usage(name + " needs a value " + spec.valueName());
            }
            if (value.isEmpty()) {
                throw CliException.usage(name + " needs a value " + spec.valueName() + ", got an empty one");
            }
            values.put(name, value);
        }
        return new ParsedOptions(specs, values, flags);
    }
}
