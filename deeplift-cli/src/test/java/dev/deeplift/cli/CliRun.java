package dev.deeplift.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process run of the command line, with what it printed.
 *
 * @param code its exit code
 * @param out  what it printed on stdout
 * @param err  what it printed on stderr
 */
record CliRun(int code, String out, String err) {

    /** Runs {@link DeepLiftCli#run} with these arguments. */
    static CliRun of(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = DeepLiftCli.run(args, o, e);
        }
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** For assertion messages. */
    String describe() {
        return "exit " + code + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
