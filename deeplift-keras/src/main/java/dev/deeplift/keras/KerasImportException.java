package dev.deeplift.keras;

/**
 * A Keras model that DL4J's import refuses (invalid or unsupported configuration), with DL4J's own exception as
 * the cause, or that the library refuses because DL4J would import it wrongly. Input/output failures are reported
 * as {@link java.io.UncheckedIOException} instead.
 */
public final class KerasImportException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** An import failure with DL4J's exception as the cause. */
    public KerasImportException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A model refused before DL4J's import runs. */
    public KerasImportException(String message) {
        super(message);
    }
}
