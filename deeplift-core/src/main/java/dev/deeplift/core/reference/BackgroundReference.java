package dev.deeplift.core.reference;

import dev.deeplift.core.engine.Validator;
import dev.deeplift.core.engine.Batches;
import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Every example paired with each of M background samples: {@link Reference#background}. */
final class BackgroundReference implements Reference {
    private final INDArray samples;

    /** @param samples {@code [M, ...]}, owned by this reference */
    BackgroundReference(INDArray samples) {
        if (samples.size(0) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Reference.background: " + samples.size(0) + " samples are too many");
        }
        this.samples = samples;
    }

    @Override
    public ReferenceSet forInput(INDArray input) {
        Validator.shapeOfBatch(input, "The input");
        Validator.sameFeatures(samples, input, "Reference.background: the samples");
        INDArray cast = Validator.castTo(samples, input.dataType());
        long n = input.size(0);
        return new ReferenceSet() {
            @Override
            public long examples() {
                return n;
            }

            @Override
            public int perExample() {
                return (int) cast.size(0);
            }

            @Override
            public boolean shared() {
                return true;
            }

            @Override
            public INDArray get(long example, int from, int to) {
                Validator.referenceRange(examples(), perExample(), example, from, to);
                return Batches.rows(cast, from, to);
            }
        };
    }

    @Override
    public String toString() {
        return "Reference.background" + Arrays.toString(samples.shape());
    }
}
