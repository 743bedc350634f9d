package dev.deeplift.core.reference;

import dev.deeplift.core.engine.Validator;
import dev.deeplift.core.engine.Batches;
import org.nd4j.linalg.api.ndarray.INDArray;

/** One reference per example held as one array: {@code [1, ...]} shared, or {@code [N, ...]}. */
final class FixedReferenceSet implements ReferenceSet {
    private final INDArray references;
    private final long examples;

    FixedReferenceSet(INDArray references, long examples) {
        this.references = references;
        this.examples = examples;
    }

    @Override
    public long examples() {
        return examples;
    }

    @Override
    public int perExample() {
        return 1;
    }

    @Override
    public boolean shared() {
        return references.size(0) == 1;
    }

    @Override
    public INDArray get(long example, int from, int to) {
        Validator.referenceRange(examples(), perExample(), example, from, to);
        return shared() ? references : Batches.rows(references, example, example + 1);
    }

    @Override
    public INDArray single() {
        return references;
    }
}
