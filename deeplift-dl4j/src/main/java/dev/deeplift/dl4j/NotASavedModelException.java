package dev.deeplift.dl4j;

import java.io.IOException;

/**
 * Thrown by {@link SavedModels} when a stream or file is not a network saved by DL4J's {@code ModelSerializer}; the
 * message says why, e.g. {@code "it is not a zip file"}, for callers to prefix with the file's name.
 */
public final class NotASavedModelException extends IOException {
    private static final long serialVersionUID = 1L;

    /** @param why what is wrong, phrased to follow "… is not a DL4J model saved with ModelSerializer: " */
    public NotASavedModelException(String why) {
        super(why);
    }
}
