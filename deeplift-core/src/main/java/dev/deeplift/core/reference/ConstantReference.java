package dev.deeplift.core.reference;

import dev.deeplift.core.engine.Validator;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** One reference shared by every example, every feature the same value: {@link Reference#zeros()}, {@link Reference#constant}. */
final class ConstantReference implements Reference {
    private final double value;

    ConstantReference(double value) {
        this.value = value;
    }

    @Override
    public ReferenceSet forInput(INDArray input) {
        Validator.shapeOfBatch(input, "The input");
        long[] shape = input.shape().clone();
        shape[0] = 1;
        INDArray ref = Nd4j.zeros(input.dataType(), shape);
        if (value != 0.0) {
            ref.assign(value);
        }
        return new FixedReferenceSet(ref, input.size(0));
    }

    @Override
    public String toString() {
        return value == 0.0 ? "Reference.zeros()" : "Reference.constant(" + value + ")";
    }
}
