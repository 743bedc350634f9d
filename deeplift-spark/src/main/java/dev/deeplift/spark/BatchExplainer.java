package dev.deeplift.spark;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.dl4j.SavedModels;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Explains batches of checked rows with the library, exactly as one machine would explain the same rows: DeepLIFT
 * ({@link DeepLift#explain}, {@link DeepLift#explainPredicted}) against a shared or per-row reference, or DeepSHAP
 * ({@link DeepShap}) over a background or dinucleotide-shuffled references, with the library's own chunking. One
 * per partition; the network and its explainer are the JVM's ({@link ModelSource}).
 */
final class BatchExplainer {
    private final ExplainSpec spec;
    private final ModelSource.Loaded model;
    private final DeepLift deepLift;
    /** DeepSHAP over {@link #deepLift}, or null. */
    private final DeepShap deepShap;
    /** The distribution of references of DeepSHAP, or null. */
    private final Reference distribution;
    /** {@code [1, ...]}: the reference shared by every row, when there is neither a reference column nor DeepSHAP. */
    private final INDArray sharedReference;

    /** @param background the background rows (flattened) of DeepSHAP, or null */
    BatchExplainer(ExplainSpec spec, ModelSource.Loaded model, double[][] background) {
        this.spec = spec;
        this.model = model;
        this.deepLift = model.explainer(spec.rule());
        if (background != null) {
            distribution = Reference.background(batch(Arrays.asList(background), Function.identity()));
        } else if (spec.shuffles() > 0) {
            distribution = Reference.dinucleotideShuffled(spec.shuffles(), spec.seed(), spec.layout());
        } else {
            distribution = null;
        }
        deepShap = distribution == null ? null : DeepShap.of(deepLift);
        double[] shared = spec.reference() != null ? spec.reference() : new double[spec.width()];
        sharedReference = distribution == null && spec.referenceIndex() < 0 ? batch(List.of(shared),
                Function.identity()) : null;
    }

    /**
     * Checks what only the references can check for one row (the one-hot content that dinucleotide shuffles need),
     * so that such a row gets its own error instead of failing its batch.
     *
     * @throws IllegalArgumentException with the library's message
     */
    void checkRow(RowInput row) {
        if (spec.shuffles() > 0) {
            try {
                distribution.forInput(batch(List.of(row), RowInput::input));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(e.getMessage().replace("example 0, ", ""), e);
            }
        }
    }

    /**
     * The results of a batch of checked rows.
     *
     * @throws IllegalArgumentException if the library refuses the batch
     */
    BatchResult explain(List<RowInput> rows) {
        INDArray x = batch(rows, RowInput::input);
        Attribution a;
        if (distribution != null) {
            a = deepShap.explain(x, distribution, targets(rows, x));
        } else {
            INDArray ref = spec.referenceIndex() >= 0 ? batch(rows, RowInput::reference) : sharedReference;
            a = spec.targetIndex() < 0 && spec.target() < 0 ? deepLift.explainPredicted(x, ref)
                    : deepLift.explain(x, ref, targets(rows, x));
        }
        return copy(a, rows.size());
    }

    /** Each row's target: its own, the one for every row, or its predicted unit (the largest output). */
    private int[] targets(List<RowInput> rows, INDArray x) {
        if (spec.targetIndex() >= 0) {
            return rows.stream().mapToInt(RowInput::target).toArray();
        }
        if (spec.target() >= 0) {
            int[] t = new int[rows.size()];
            Arrays.fill(t, spec.target());
            return t;
        }
        // The output activation (softmax, sigmoid) keeps the logits' order, so this is the predicted logit too.
        INDArray out = SavedModels.output(model.network(), x);
        return Nd4j.argMax(out.reshape(out.size(0), -1), 1).toIntVector();
    }

    /** {@code [n, shape...]} in the network's data type, from one flattened array per row. */
    private <T> INDArray batch(List<T> rows, Function<T, double[]> values) {
        int n = rows.size();
        int width = spec.width();
        long[] shape = new long[spec.shape().length + 1];
        shape[0] = n;
        System.arraycopy(spec.shape(), 0, shape, 1, spec.shape().length);
        if (spec.dataType() == DataType.DOUBLE) {
            double[] flat = new double[n * width];
            for (int i = 0; i < n; i++) {
                System.arraycopy(values.apply(rows.get(i)), 0, flat, i * width, width);
            }
            return Nd4j.create(flat, shape, 'c');
        }
        float[] flat = new float[n * width];
        for (int i = 0; i < n; i++) {
            double[] v = values.apply(rows.get(i));
            for (int j = 0; j < width; j++) {
                flat[i * width + j] = (float) v[j];
            }
        }
        INDArray a = Nd4j.create(flat, shape, 'c');
        return spec.dataType() == DataType.FLOAT ? a : a.castTo(spec.dataType());
    }

    private BatchResult copy(Attribution a, int n) {
        INDArray scores = a.scores().dup('c');
        Object flat = spec.doubleScores() ? scores.data().asDouble() : scores.data().asFloat();
        double[] deltas = a.deltas().dup('c').data().asDouble();
        double[] errors = a.summationErrors().dup('c').data().asDouble();
        int width = spec.width();
        if (java.lang.reflect.Array.getLength(flat) != (long) n * width || deltas.length != n || errors.length != n) {
            throw new IllegalStateException("The library returned " + Arrays.toString(a.scores().shape())
                    + " scores and " + deltas.length + " deltas for " + n + " rows of " + width + " values");
        }
        return new BatchResult(flat, width, deltas, errors, a.targets());
    }
}
