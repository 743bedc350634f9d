package dev.deeplift.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

/**
 * The command line: {@code explain} explains a saved DL4J network's outputs for inputs read from {@code .npy} or
 * {@code .csv} files; {@code demo} trains a small network on synthetic images, saves it with its sample inputs, and
 * explains them through {@code explain}.
 *
 * <pre>
 * java -cp benchmarks.jar dev.deeplift.cli.DeepLiftCli explain --model net.zip --input x.npy --out results
 * java -cp benchmarks.jar dev.deeplift.cli.DeepLiftCli demo --out demo
 * </pre>
 *
 * <p>Errors are one line on stderr, with exit code 1 (failure) or 2 (bad command line); {@link #run} does the
 * work and returns the code, so that tests run it in-process.
 */
public final class DeepLiftCli {
    private DeepLiftCli() {
    }

    /** Runs the command line and exits with a non-zero code on an error. */
    public static void main(String[] args) {
        // ND4J logs its set-up at INFO; the command line's stderr is kept for progress and errors.
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        }
        int code = run(args, System.out, System.err);
        // No System.exit(0): under mvn exec:java this runs inside Maven, which must finish its own work.
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs one command.
     *
     * @param args the command ({@code explain} or {@code demo}) and its options, or {@code --help}
     * @param out  results and help
     * @param err  progress and errors
     * @return 0 on success, {@link CliException#FAILURE} if the work failed, {@link CliException#USAGE} for a bad
     *         command line
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        try {
            if (args.length == 0) {
                throw CliException.usage("no command given: use explain or demo (see --help)");
            }
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            return switch (args[0]) {
                case "explain" -> new ExplainCommand(out, err).run(rest);
                case "demo" -> new DemoCommand(out, err).run(rest);
                case "--help", "-h", "help" -> {
                    out.print(help());
                    yield 0;
                }
                default -> throw CliException.usage("unknown command '" + args[0] + "': use explain or demo (see "
                        + "--help)");
            };
        } catch (CliException e) {
            return fail(err, e.getMessage(), e.exitCode());
        } catch (IllegalArgumentException | IllegalStateException e) {
            // The library's checks (shapes, targets, references, unsupported layers) say what is wrong.
            return fail(err, e.getMessage(), CliException.FAILURE);
        } catch (IOException | UncheckedIOException e) {
            return fail(err, e.getMessage(), CliException.FAILURE);
        } catch (RuntimeException e) {
            return fail(err, e.getClass().getSimpleName() + ": " + e.getMessage(), CliException.FAILURE);
        }
    }

    /** The help of every command. */
    static String help() {
        return "DeepLIFT attributions for DL4J networks.\n\n"
                + "Commands:\n"
                + "  explain   explain a saved network's outputs for inputs from .npy or .csv files\n"
                + "  demo      train a small CNN on synthetic images, save it and its inputs, and explain them\n\n"
                + ExplainOptions.help() + "\n" + DemoCommand.help();
    }

    private static int fail(PrintStream err, String message, int code) {
        // One line, whatever the message holds: scripts read the last line of stderr.
        String oneLine = message == null ? "unknown error" : message.replaceAll("\\s*\\R\\s*", " ").trim();
        err.println("error: " + oneLine);
        err.flush();
        return code;
    }
}
