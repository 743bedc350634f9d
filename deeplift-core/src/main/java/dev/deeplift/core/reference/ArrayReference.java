package dev.deeplift.core.reference;

import dev.deeplift.core.engine.Validator;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A given array of references: {@code [1, ...]} shared by every example or {@code [N, ...]}, one per example
 * ({@link Reference#of}, {@link Reference#perExample}, {@link Reference#mean}).
 */
final class ArrayReference implements Reference {
    private final INDArray references;
    private final boolean perExampleOnly;
    private final String name;

    /**
     * @param references     {@code [1, ...]} or {@code [N, ...]}, owned by this reference
     * @param perExampleOnly true if the leading dimension must be N even when it could be shared
     * @param name           the factory, for messages
     */
    ArrayReference(INDArray references, boolean perExampleOnly, String name) {
        this.references = references;
        this.perExampleOnly = perExampleOnly;
        this.name = name;
    }

    @Override
    public ReferenceSet forInput(INDArray input) {
        Validator.shapeOfBatch(input, "The input");
        Validator.sameFeatures(references, input, name + ": the reference");
        long n = input.size(0);
        long rows = references.size(0);
        boolean fits = perExampleOnly ? rows == n : rows == n || rows == 1;
        if (!fits) {
            throw new IllegalArgumentException(name + ": the reference has shape "
                    + Arrays.toString(references.shape()) + " but the input has " + n + " examples; give "
                    + (perExampleOnly ? "" : "one shared reference [1, ...] or ") + "one reference per example ["
                    + n + ", ...]");
        }
        return new FixedReferenceSet(Validator.castTo(references, input.dataType()), n);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(references.shape());
    }
}
