package dev.deeplift.core.methods;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.Provenance;
import dev.deeplift.core.engine.Validator;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Integrated gradients: the gradient of the target averaged along the straight path from the reference to the
 * input, times {@code x − x_ref}, by the midpoint rule over {@code steps} points.
 *
 * <pre>
 * Sundararajan, Taly, Yan. Axiomatic Attribution for Deep Networks. ICML 2017, section 3 and appendix:
 *   m = (1/S) Σ_{k=0}^{S−1} ∇f(x_ref + (k + ½)/S · (x − x_ref)),   scores = m · (x − x_ref)
 * </pre>
 *
 * <p>The gradients come from any gradient {@link Explainer} (the multipliers it returns at each point are used as
 * the gradient there). All {@code N × steps} points are evaluated in chunks of at most {@link #batchSize()} rows
 * (default {@value #DEFAULT_BATCH_SIZE}) so memory stays bounded whatever {@code N} and {@code steps} are; each
 * point is passed with its example's reference, and a reference of shape {@code [1, ...]} stays shared (never
 * copied per row). The deltas {@code target(x) − target(x_ref)} come from one more pass of the explainer over the
 * input itself, also in chunks. The scores approximate the deltas; the error shrinks as {@code steps} grows (for a
 * smooth network like {@code 1/steps²}), and {@link Attribution#summationErrors()} reports it.
 *
 * <pre>{@code
 * Explainer ig = IntegratedGradients.of(gradientExplainer, 50).withBatchSize(512);
 * Attribution a = ig.explain(x, reference, targets);
 * }</pre>
 *
 * <p>Immutable and stateless between calls: thread-safe if the gradient explainer is.
 */
public final class IntegratedGradients implements Explainer {
    /** The default largest number of rows passed to the gradient explainer in one call. */
    public static final int DEFAULT_BATCH_SIZE = 256;

    private final Explainer gradients;
    private final int steps;
    private final int batchSize;

    private IntegratedGradients(Explainer gradients, int steps, int batchSize) {
        this.gradients = Objects.requireNonNull(gradients, "gradients");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1 row, got " + batchSize);
        }
        this.steps = steps;
        this.batchSize = batchSize;
    }

    /**
     * Integrated gradients over a gradient explainer, in chunks of {@value #DEFAULT_BATCH_SIZE} rows.
     *
     * @param gradients an explainer whose multipliers are the plain gradient of the target at its input
     * @param steps     number of points on the path, at least 1
     */
    public static IntegratedGradients of(Explainer gradients, int steps) {
        return new IntegratedGradients(gradients, steps, DEFAULT_BATCH_SIZE);
    }

    /** The same method passing at most {@code rows} rows (points) to the gradient explainer per call. */
    public IntegratedGradients withBatchSize(int rows) {
        return new IntegratedGradients(gradients, steps, rows);
    }

    /** Number of points on the path. */
    public int steps() {
        return steps;
    }

    /** The largest number of rows passed to the gradient explainer in one call. */
    public int batchSize() {
        return batchSize;
    }

    /**
     * Contributions to a target per example.
     *
     * @param input     {@code [N, ...]}
     * @param reference the input's shape, or {@code [1, ...]} for one reference shared by every example
     * @param targets   one output unit per example
     */
    @Override
    public Attribution explain(INDArray input, INDArray reference, int[] targets) {
        Validator.batch(input, "input", "example");
        Validator.shapeOfBatch(reference, "reference");
        Validator.sameFeatures(reference, input, "reference");
        if (reference.size(0) != input.size(0) && reference.size(0) != 1) {
            throw new IllegalArgumentException("reference has shape " + Arrays.toString(reference.shape())
                    + " but must have the input's shape " + Arrays.toString(input.shape())
                    + " or a leading dimension of 1");
        }
        Validator.finite(reference, "reference", "example");
        Validator.targets(targets, input.size(0), -1);
        int n = (int) input.size(0);
        // A [1, ...] reference stays one row even for one example: its steps still share it.
        boolean shared = reference.size(0) == 1;
        INDArray ref = reference.dataType() == input.dataType() ? reference : reference.castTo(input.dataType());
        INDArray flatRef = ref.reshape(ref.size(0), input.length() / n);
        INDArray flatX = input.reshape(n, input.length() / n);
        INDArray flatDelta = shared ? flatX.subRowVector(flatRef) : flatX.sub(flatRef);
        Deltas whole = deltas(input, ref, shared, targets);
        INDArray multipliers = averageGradient(input.shape(), flatRef, flatDelta, ref, shared, targets);
        Provenance inner = whole.provenance();
        Provenance p = Provenance.of("integrated gradients", null, null, shared ? "one shared row" : "one per example",
                multipliers.dataType(), inner.model(), steps + " steps, midpoint rule, gradients by "
                        + inner.describeMethod());
        return Attribution.of(List.of(multipliers),
                List.of(flatDelta.reshape(input.shape()).castTo(multipliers.dataType())), whole.values(), targets, p);
    }

    /** {@code [N]} deltas {@code target(x) − target(x_ref)}, and the provenance of the explainer that gave them. */
    private record Deltas(INDArray values, Provenance provenance) {
    }

    /** The deltas per example, from the explainer over the input itself. */
    private Deltas deltas(INDArray x, INDArray ref, boolean shared, int[] targets) {
        int n = (int) x.size(0);
        INDArray deltas = null;
        Provenance provenance = null;
        for (int from = 0; from < n; from += batchSize) {
            int to = Math.min(n, from + batchSize);
            INDArray rows = x.get(NDArrayIndex.interval(from, to));
            INDArray refRows = shared ? ref : ref.get(NDArrayIndex.interval(from, to));
            INDArray d;
            try {
                Attribution a = gradients.explain(rows, refRows, Arrays.copyOfRange(targets, from, to));
                d = a.deltas();
                provenance = a.provenance();
            } catch (IllegalArgumentException e) {
                // The explainer numbers examples within the chunk; say which of the caller's examples they are.
                throw new IllegalArgumentException("Integrated gradients, examples " + from + ".." + (to - 1)
                        + " (numbered from 0 in this message): " + e.getMessage(), e);
            }
            if (deltas == null) {
                deltas = Nd4j.create(d.dataType(), n);
            }
            deltas.get(NDArrayIndex.interval(from, to)).assign(d.reshape(to - from));
        }
        return new Deltas(deltas, provenance);
    }

    /**
     * The mean gradient over the path points, in the input's shape. Row {@code r} of the stream of
     * {@code N × steps} points is example {@code r / steps} at step {@code r % steps}; a chunk holds consecutive
     * rows, so one example's points may span two chunks.
     *
     * @param flatRef   {@code [N, F]} or {@code [1, F]}
     * @param flatDelta {@code [N, F]}: {@code x − x_ref}
     * @param ref       the reference in its own shape, passed on as is when shared
     */
    private INDArray averageGradient(long[] inputShape, INDArray flatRef, INDArray flatDelta, INDArray ref,
                                     boolean shared, int[] targets) {
        int n = (int) flatDelta.size(0);
        long features = flatDelta.size(1);
        long total = (long) n * steps;
        INDArray sum = null;
        for (long first = 0; first < total; first += batchSize) {
            int rows = (int) Math.min(batchSize, total - first);
            int[] example = new int[rows];
            int[] rowTargets = new int[rows];
            INDArray alpha = Nd4j.create(flatDelta.dataType(), rows, 1);
            for (int r = 0; r < rows; r++) {
                long row = first + r;
                example[r] = (int) (row / steps);
                rowTargets[r] = targets[example[r]];
                alpha.putScalar(r, 0, (row % steps + 0.5) / steps);
            }
            // points = x_ref + alpha · Δx from gathered rows: a few array operations per chunk, not per point.
            INDArray points = Nd4j.pullRows(flatDelta, 1, example).muliColumnVector(alpha);
            INDArray pointRefs;
            if (shared) {
                points.addiRowVector(flatRef);
                pointRefs = ref;
            } else {
                INDArray refRows = Nd4j.pullRows(flatRef, 1, example);
                points.addi(refRows);
                pointRefs = refRows.reshape(withRows(inputShape, rows));
            }
            INDArray m = gradients.explain(points.reshape(withRows(inputShape, rows)), pointRefs, rowTargets)
                    .multipliers().reshape(rows, features);
            if (sum == null) {
                sum = Nd4j.zeros(m.dataType(), n, features);
            }
            addPerExample(sum, m, example);
        }
        return sum.divi(steps).reshape(inputShape);
    }

    /** Adds each run of consecutive rows of one example to that example's row of {@code sum}. */
    private static void addPerExample(INDArray sum, INDArray m, int[] example) {
        int start = 0;
        for (int r = 1; r <= example.length; r++) {
            if (r == example.length || example[r] != example[start]) {
                sum.getRow(example[start]).addi(m.get(NDArrayIndex.interval(start, r), NDArrayIndex.all()).sum(0));
                start = r;
            }
        }
    }

    private static long[] withRows(long[] shape, long rows) {
        long[] s = shape.clone();
        s[0] = rows;
        return s;
    }

    @Override
    public String toString() {
        return "IntegratedGradients{steps=" + steps + ", batchSize=" + batchSize + ", gradients=" + gradients + "}";
    }
}
