package dev.deeplift.core;

/**
 * Receives the results of {@link Explainer#explainEach} as they are computed, so that no more than a batch of them
 * is held at once.
 */
@FunctionalInterface
public interface ReferenceSink {

    /**
     * One reference's attribution of a run of consecutive examples.
     *
     * @param reference    the index of the reference in the list given to {@code explainEach}
     * @param firstExample the input row of the attribution's first row
     * @param rows         the attribution of examples {@code firstExample ..} against that reference
     */
    void accept(int reference, long firstExample, Attribution rows);
}
