package dev.deeplift.core.methods;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.engine.Batches;
import dev.deeplift.core.Provenance;
import dev.deeplift.core.engine.SummationCheck;
import dev.deeplift.core.engine.Validator;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.core.reference.ReferenceSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DeepSHAP (Lundberg and Lee, NeurIPS 2017): an explainer's attributions averaged over a distribution of references.
 * With R references per example, the scores of an example are the mean over its R (example, reference) pairs of
 * that pair's scores; each pair's summation-to-delta is checked on its raw scores before averaging.
 *
 * <pre>{@code
 * DeepShap shap = DeepShap.of(DeepLift.of(net));                               // any Explainer
 * Attribution a = shap.explain(x, Reference.background(samples), 3);    // R = samples.size(0)
 * Attribution g = shap.withBatchSize(64).explain(dna, Reference.dinucleotideShuffled(20, 7L), targets);
 * }</pre>
 *
 * <p>Work is batched by pairs: the explainer sees at most {@link #batchSize(DataType)} pairs at a time, and
 * references are produced per batch by the {@link ReferenceSet}, so memory is bounded by the batch size whatever R
 * is. A background shared by every example ({@link ReferenceSet#shared()}, e.g. {@link Reference#background}) with
 * at least 32 examples (or a batch of them) goes by reference instead: each batch of examples is given to the
 * explainer once with all R references ({@link Explainer#explainEach}); DeepLIFT then forwards the examples once and
 * the R references together as stacked rows, so DeepSHAP with R references costs less than R explanations.
 * Besides, the per-example means are accumulated in double precision (N × features values per averaged array)
 * with N × R pair deltas and errors. The accumulation adds the pairs strictly in order, so results do not depend on
 * the batch size as long as the explainer's result for a pair does not depend on the other pairs of its batch.
 *
 * <p>Immutable; it keeps no state between calls, so it may be shared between threads if its explainer may.
 */
public final class DeepShap implements Explainer {
    /** Pairs per batch for FLOAT (and other non-DOUBLE) inputs unless set: a few MB of activations per layer. */
    public static final int DEFAULT_FLOAT_BATCH_SIZE = 256;
    /** Pairs per batch for DOUBLE inputs unless set: the same memory as {@link #DEFAULT_FLOAT_BATCH_SIZE}. */
    public static final int DEFAULT_DOUBLE_BATCH_SIZE = 128;

    /**
     * With a shared background, at least this many examples (or a full batch) go by reference; fewer are batched as
     * pairs, where R backward passes of a few rows would cost more than one pass with a reference per pair.
     */
    static final int MIN_EXAMPLES_BY_REFERENCE = 32;

    private final Explainer explainer;
    /** Pairs per batch, or 0 for the default of the input's data type. */
    private final int batchSize;

    private DeepShap(Explainer explainer, int batchSize) {
        this.explainer = Objects.requireNonNull(explainer, "explainer");
        this.batchSize = batchSize;
    }

    /** DeepSHAP over an explainer (e.g. {@code DeepLift}), with the default batch size. */
    public static DeepShap of(Explainer explainer) {
        return new DeepShap(explainer, 0);
    }

    /** The same method with at most {@code pairs} (example, reference) pairs per call to the explainer. */
    public DeepShap withBatchSize(int pairs) {
        if (pairs < 1) {
            throw new IllegalArgumentException("The batch size must be at least 1 pair, got " + pairs);
        }
        return new DeepShap(explainer, pairs);
    }

    /** The pairs per batch for inputs of a data type: the one set, else 128 for DOUBLE and 256 otherwise. */
    public int batchSize(DataType dataType) {
        if (batchSize > 0) {
            return batchSize;
        }
        return dataType == DataType.DOUBLE ? DEFAULT_DOUBLE_BATCH_SIZE : DEFAULT_FLOAT_BATCH_SIZE;
    }

    /** The explainer whose attributions are averaged. */
    public Explainer explainer() {
        return explainer;
    }

    /** Contributions to one target unit for every example, averaged over its references. */
    public Attribution explain(INDArray input, Reference reference, int target) {
        Validator.batch(input, "input", "example");
        int[] targets = new int[Math.toIntExact(input.size(0))];
        Arrays.fill(targets, target);
        return explain(input, reference, targets, null);
    }

    /**
     * Contributions to a target per example, averaged over its references.
     *
     * @param input     {@code [N, ...]}
     * @param reference one reference or a distribution per example
     * @param targets   one output unit per example
     */
    public Attribution explain(INDArray input, Reference reference, int[] targets) {
        return explain(input, reference, targets, null);
    }

    /**
     * Contributions with one reference per example, batched: the {@link Explainer} contract, same as
     * {@code explain(input, Reference.of(reference), targets)}.
     *
     * @param reference the input's shape, or {@code [1, ...]} for one reference shared by every example
     */
    @Override
    public Attribution explain(INDArray input, INDArray reference, int[] targets) {
        if (reference == null) {
            throw new IllegalArgumentException("reference is null");
        }
        return explain(input, Reference.of(reference), targets, null);
    }

    /**
     * Contributions to a target per example averaged over its references, and the mean of a per-pair quantity.
     *
     * @param quantity computed for every batch of pairs and averaged like the scores
     *                 ({@link Attribution#averagedQuantity()}); null for none
     * @throws IllegalArgumentException if the input, reference or targets are invalid, or the explainer refuses a
     *                                  batch (the message then names the pairs and examples)
     */
    public Attribution explain(INDArray input, Reference reference, int[] targets, PairQuantity quantity) {
        Validator.batch(input, "input", "example");
        if (reference == null) {
            throw new IllegalArgumentException("reference is null");
        }
        long n = input.size(0);
        int[] t = Validator.targets(targets, n, -1);
        ReferenceSet refs = reference.forInput(input);
        int r = refs.perExample();
        if (refs.examples() != n || r < 1) {
            throw new IllegalStateException(reference + " gave " + refs.examples() + " examples × " + r
                    + " references for an input of " + n + " examples");
        }
        long pairs = n * r;
        if (pairs > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " examples × " + r + " references are too many pairs: "
                    + "explain the input in parts");
        }
        int batch = batchSize(input.dataType());
        // A background shared by every example is explained reference by reference once there are enough examples
        // to fill the calls: each batch of examples goes to the explainer once with all R references
        // (explainEach), so DeepLIFT forwards the examples once and the references together. Either order
        // adds every example's pairs to its sums in reference order.
        boolean byReference = refs.shared() && r > 1 && n >= Math.min(batch, MIN_EXAMPLES_BY_REFERENCE);
        Sums sums = new Sums(input.shape(), r, quantity, byReference);
        if (refs.shared()) {
            // Every sample of a shared background is checked before the first batch, named by its own index.
            for (int k = 0; k < r; k++) {
                checkBackgroundSample(PairChunk.checkedReference(refs, k), input, k);
            }
        }
        if (byReference) {
            List<INDArray> background = new ArrayList<>();
            for (int k = 0; k < r; k++) {
                background.add(PairChunk.checkedReference(refs, k));
            }
            for (long from = 0; from < n; from += batch) {
                long to = Math.min(n, from + batch);
                explainBatchByReference(Batches.rows(input, from, to).dup(), Arrays.copyOfRange(t, (int) from,
                        (int) to), background, from, sums);
            }
        } else {
            for (long from = 0; from < pairs; from += batch) {
                long to = Math.min(pairs, from + batch);
                PairChunk chunk = PairChunk.of(input, refs, t, from, to);
                sums.add(chunk, from, 1, explainBatch(chunk, from, to, r));
            }
        }
        DataType resultType = sums.resultType == null ? input.dataType() : sums.resultType;
        double[] meanDeltas = new double[(int) n];
        for (int p = 0; p < pairs; p++) {
            meanDeltas[p / r] += sums.pairDeltas[p];
        }
        for (int i = 0; i < n; i++) {
            meanDeltas[i] /= r;
        }
        Provenance inner = sums.provenance;
        Provenance p = Provenance.of("DeepSHAP", inner == null ? null : inner.rules(),
                inner == null ? null : inner.maxPoolMode(), reference.toString(), resultType,
                inner == null ? null : inner.model(), r + " references per example, each explained by "
                        + (inner == null ? explainer.toString() : inner.describeMethod()));
        return Attribution.averaged(sums.scores.mean(resultType), sums.multipliers.mean(resultType),
                Nd4j.createFromArray(meanDeltas).castTo(resultType),
                Nd4j.create(sums.pairDeltas, new long[] {n, r}, 'c').castTo(resultType),
                Nd4j.create(sums.pairErrors, new long[] {n, r}, 'c').castTo(resultType),
                sums.averaged == null ? null : sums.averaged.mean(resultType), t, p);
    }

    private Attribution explainBatch(PairChunk chunk, long from, long to, int r) {
        Attribution a;
        try {
            a = explainer.explain(chunk.inputs(), chunk.references(), chunk.targets());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Explaining pairs " + from + ".." + (to - 1) + " (examples "
                    + from / r + ".." + (to - 1) / r + ", " + r + " references each; the explainer numbers the "
                    + "pairs of its batch from 0): " + e.getMessage(), e);
        }
        return checked(a, chunk.inputs());
    }

    private void explainBatchByReference(INDArray x, int[] targets, List<INDArray> background, long from,
                                         Sums sums) {
        int r = background.size();
        try {
            explainer.explainEach(x, background, targets, (k, first, rows) -> {
                long size = rows.scores().size(0);
                INDArray xs = Batches.rows(x, first, first + size);
                PairChunk chunk = new PairChunk(xs, background.get(k), Arrays.copyOfRange(targets, (int) first,
                        (int) (first + size)));
                sums.add(chunk, (from + first) * r + k, r, checked(rows, xs));
            });
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Explaining examples " + from + ".." + (from + x.size(0) - 1)
                    + " against each of their " + r + " shared references (the explainer numbers the examples of "
                    + "its batch from 0): " + e.getMessage(), e);
        }
    }

    private Attribution checked(Attribution a, INDArray inputs) {
        if (a == null) {
            throw new IllegalStateException(explainer + " returned no attribution");
        }
        checkShape(a.scores(), inputs, "The explainer's scores");
        checkShape(a.multipliers(), inputs, "The explainer's multipliers");
        if (a.deltas() == null || a.deltas().length() != inputs.size(0)) {
            throw new IllegalStateException("The explainer returned " + (a.deltas() == null ? "no deltas"
                    : a.deltas().length() + " deltas") + " for " + inputs.size(0) + " pairs");
        }
        return a;
    }

    /** A shared background sample: the input's feature shape, floating-point, finite; named by its index. */
    private static void checkBackgroundSample(INDArray sample, INDArray input, int k) {
        String what = "background sample " + k;
        Validator.sameFeatures(sample, input, what);
        Validator.floatingPoint(sample, what);
        Validator.finite(sample, what, "row");
    }

    /** Copies one value per pair into {@code into[firstPair + j·stride]}. */
    private static void copy(INDArray values, double[] into, long firstPair, long stride) {
        double[] v = values.dup('c').data().asDouble();
        for (int j = 0; j < v.length; j++) {
            into[(int) (firstPair + j * stride)] = v[j];
        }
    }

    private static void checkShape(INDArray a, INDArray inputs, String what) {
        if (a == null || !Arrays.equals(a.shape(), inputs.shape())) {
            throw new IllegalStateException(what + " have shape " + (a == null ? "null" : Arrays.toString(a.shape()))
                    + " for a batch of pairs of shape " + Arrays.toString(inputs.shape()));
        }
    }

    /** The running sums of one call: per-example accumulators and one delta and error per pair. */
    private static final class Sums {
        private final PairAccumulator scores;
        private final PairAccumulator multipliers;
        private final PairAccumulator averaged;
        private final PairQuantity quantity;
        private final double[] pairDeltas;
        private final double[] pairErrors;
        private DataType resultType;
        private Provenance provenance;

        Sums(long[] shape, int r, PairQuantity quantity, boolean byReference) {
            this.scores = new PairAccumulator(shape, r, byReference);
            this.multipliers = new PairAccumulator(shape, r, byReference);
            this.averaged = quantity == null ? null : new PairAccumulator(shape, r, byReference);
            this.quantity = quantity;
            this.pairDeltas = new double[Math.toIntExact(shape[0] * r)];
            this.pairErrors = new double[pairDeltas.length];
        }

        /** Adds the attribution of pairs {@code firstPair, firstPair + stride, ...}. */
        void add(PairChunk chunk, long firstPair, long stride, Attribution a) {
            resultType = a.scores().dataType();
            provenance = a.provenance();
            scores.add(firstPair, stride, a.scores());
            multipliers.add(firstPair, stride, a.multipliers());
            copy(a.deltas(), pairDeltas, firstPair, stride);
            copy(SummationCheck.errors(List.of(a.scores()), a.deltas()), pairErrors, firstPair, stride);
            if (quantity != null) {
                INDArray q = quantity.compute(chunk.inputs(), chunk.references(), a);
                checkShape(q, chunk.inputs(), "The pair quantity " + quantity);
                averaged.add(firstPair, stride, q);
            }
        }
    }

    @Override
    public String toString() {
        return "DeepShap{" + explainer + (batchSize > 0 ? ", batchSize=" + batchSize : "") + "}";
    }
}
