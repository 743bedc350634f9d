package dev.deeplift.core.methods;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import java.util.concurrent.atomic.AtomicInteger;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A linear model {@code f_t(x) = x · W[:, t]} (x flattened to its features), explained exactly: multipliers are
 * the target's weight column, scores {@code (x − ref) · w}. Counts its calls and the largest batch it was given.
 */
public final class LinearExplainer implements Explainer {
    private final INDArray weights;
    private final AtomicInteger calls = new AtomicInteger();
    private final AtomicInteger largestBatch = new AtomicInteger();

    /** @param weights {@code [features, targets]} */
    public LinearExplainer(INDArray weights) {
        this.weights = weights;
    }

    @Override
    public Attribution explain(INDArray input, INDArray reference, int[] targets) {
        if (targets.length != input.size(0)) {
            throw new IllegalArgumentException("Got " + targets.length + " targets for " + input.size(0)
                    + " examples");
        }
        calls.incrementAndGet();
        largestBatch.accumulateAndGet((int) input.size(0), Math::max);
        long n = input.size(0);
        long features = weights.size(0);
        INDArray x = input.reshape(n, features);
        INDArray ref = reference.reshape(reference.size(0), features);
        if (ref.size(0) != n) {
            ref = ref.repeat(0, n);
        }
        INDArray m = Nd4j.create(input.dataType(), n, features);
        for (int i = 0; i < n; i++) {
            if (targets[i] < 0 || targets[i] >= weights.size(1)) {
                throw new IllegalArgumentException("Target " + targets[i] + " of example " + i + " is out of range");
            }
            m.putRow(i, weights.getColumn(targets[i]).castTo(input.dataType()));
        }
        // f(x) − f(ref), computed apart from the scores, so summation-to-delta is a real check.
        INDArray deltas = x.mul(m).sum(1).subi(ref.mul(m).sum(1));
        return Attribution.of(m.reshape(input.shape()), x.sub(ref).reshape(input.shape()), deltas, targets,
                "linear");
    }

    /** Number of explain calls so far. */
    public int calls() {
        return calls.get();
    }

    /** The most examples one call was given. */
    public int largestBatch() {
        return largestBatch.get();
    }
}
