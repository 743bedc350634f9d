package dev.deeplift.cli;

/**
 * A failure the command line reports as one line on stderr, with its exit code: {@link #USAGE} for a bad command
 * line (unknown option, bad value), {@link #FAILURE} for anything found wrong while running (missing file, wrong
 * shape, unsupported layer).
 */
public final class CliException extends RuntimeException {
    /** Exit code of a bad command line. */
    public static final int USAGE = 2;
    /** Exit code of a failure while running. */
    public static final int FAILURE = 1;

    private static final long serialVersionUID = 1L;

    private final int exitCode;

    private CliException(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** A bad command line. */
    public static CliException usage(String message) {
        return new CliException(message, USAGE, null);
    }

    /** A failure while running. */
    public static CliException failure(String message) {
        return new CliException(message, FAILURE, null);
    }

    /** A failure while running, caused by another exception. */
    public static CliException failure(String message, Throwable cause) {
        return new CliException(message, FAILURE, cause);
    }

    /** The process exit code to report. */
    public int exitCode() {
        return exitCode;
    }
}
