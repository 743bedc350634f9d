package dev.deeplift.core;

/** A layer, vertex or activation that the explainer has no exact rule for; the message names it and where it is. */
public class UnsupportedLayerException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** @param message what is not supported, where, and what is supported instead */
    public UnsupportedLayerException(String message) {
        super(message);
    }
}
