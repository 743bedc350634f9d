package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.Layout;
import dev.deeplift.core.graph.PairActivations;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A recurrent node's input and reference sequences stacked as rows of time-major arrays {@code [T, S, C]}: rows
 * {@code 0..n-1} are the examples, rows {@code n..S-1} the reference ({@code r = 1} row when one reference is
 * shared, else {@code n}), so each step's products are one matrix product over both sides. Also holds the mask of
 * every row, time-major {@code [T, S]}, or null where nothing is masked.
 */
final class SequenceRows {
    private final int n;
    private final int r;
    private final int steps;
    private final INDArray x;
    private final INDArray mask;
    private final boolean sidesShareMask;

    private SequenceRows(int n, int r, INDArray x, INDArray mask, boolean sidesShareMask) {
        this.n = n;
        this.r = r;
        this.steps = (int) x.size(0);
        this.x = x;
        this.mask = mask;
        this.sidesShareMask = sidesShareMask;
    }

    /**
     * @param in     the sequence, {@code [n, C, T]} or {@code [n, T, C]}
     * @param maskIn the feature mask input for {@link StepMask.Kind#GIVEN}, else ignored
     */
    static SequenceRows of(PairActivations in, PairActivations maskIn, Layout layout, StepMask stepMask) {
        int n = (int) in.input().size(0);
        INDArray reference = in.reference();
        INDArray given = null;
        if (stepMask.kind() == StepMask.Kind.GIVEN) {
            given = maskIn.input();
            // A shared reference run under a mask with padding is a different sequence for every example's mask.
            if (reference.size(0) == 1 && n > 1 && given.minNumber().doubleValue() < 1.0) {
                reference = in.broadcastReference();
            }
        }
        int r = (int) reference.size(0);
        INDArray x = Nd4j.concat(1, timeMajor(in.input(), layout), timeMajor(reference, layout));
        INDArray mask = null;
        boolean shared = true;
        if (given != null) {
            INDArray refMask = r == n ? given : Nd4j.ones(given.dataType(), 1, given.size(1));
            mask = Nd4j.concat(0, given, refMask).transpose().dup('c');
        } else if (stepMask.kind() == StepMask.Kind.DERIVED) {
            // DL4J's MaskZeroLayer: a step is padding iff every feature equals the masking value exactly.
            long features = x.size(2);
            mask = x.eq(stepMask.maskingValue()).castTo(x.dataType()).sum(2).neq((double) features)
                    .castTo(x.dataType());
            shared = false;
        }
        return new SequenceRows(n, r, x, mask, shared);
    }

    /** {@code [n, C, T]} or {@code [n, T, C]} as {@code [T, n, C]}, a copy. */
    static INDArray timeMajor(INDArray a, Layout layout) {
        return (layout == Layout.NCW ? a.permute(2, 0, 1) : a.permute(1, 0, 2)).dup('c');
    }

    /** The inverse of {@link #timeMajor}: {@code [T, n, C]} in the layout, a copy. */
    static INDArray fromTimeMajor(INDArray tm, Layout layout) {
        return (layout == Layout.NCW ? tm.permute(1, 2, 0) : tm.permute(1, 0, 2)).dup('c');
    }

    int examples() {
        return n;
    }

    int rows() {
        return n + r;
    }

    int steps() {
        return steps;
    }

    /** The stacked sequences, {@code [T, S, C]}. */
    INDArray x() {
        return x;
    }

    /** True if steps are masked at all. */
    boolean masked() {
        return mask != null;
    }

    /** True if the masks of the two sides can differ (a mask derived from each side's values). */
    boolean sidesDiffer() {
        return mask != null && !sidesShareMask;
    }

    /** Step {@code t}'s mask of every row, {@code [S, 1]}. */
    INDArray maskAt(int t) {
        return mask.getRow(t).reshape(rows(), 1);
    }

    /** The examples' rows of a stacked array {@code [T, S, ...]}, a view {@code [T, n, ...]}. */
    INDArray in(INDArray a) {
        return dense(a).get(rowRange(a, 0, n));
    }

    /** The reference rows, a view {@code [T, r, ...]}. */
    INDArray ref(INDArray a) {
        return dense(a).get(rowRange(a, n, n + r));
    }

    /** Row ranges of strided views with unit sizes go wrong in ND4J 1.0.0-M2.1: views are copied first. */
    private static INDArray dense(INDArray a) {
        return a.isView() ? a.dup('c') : a;
    }

    /** The reference rows repeated to {@code [T, n, ...]} (a copy when shared). */
    INDArray refPerExample(INDArray a) {
        // Broadcasting ops on strided views of these shapes fail in ND4J 1.0.0-M2.1: operands are dense copies.
        INDArray ref = ref(a).dup('c');
        if (r == n) {
            return ref;
        }
        long[] shape = a.shape().clone();
        shape[1] = n;
        return Nd4j.zeros(a.dataType(), shape).addi(ref.reshape(withRows(a.shape(), 1)));
    }

    /** Input minus reference rows, {@code [T, n, ...]}. */
    INDArray delta(INDArray a) {
        return in(a).dup('c').reshape(withRows(a.shape(), n)).subi(ref(a).dup('c').reshape(withRows(a.shape(), r)));
    }

    /** A stacked array's shape with {@code rows} rows. */
    private static long[] withRows(long[] shape, int rows) {
        long[] s = shape.clone();
        s[1] = rows;
        return s;
    }

    /**
     * What a product rule weighs the other factor's change with: the midpoint {@code (a + a_ref)/2}, or under pure
     * gradients the input's value {@code a}; {@code [T, n, ...]}.
     */
    INDArray mid(INDArray a, boolean pureGradient) {
        INDArray in = in(a).dup('c').reshape(withRows(a.shape(), n));
        return pureGradient ? in : in.addi(ref(a).dup('c').reshape(withRows(a.shape(), r))).muli(0.5);
    }

    /** The mask's midpoint (or input side under pure gradients) per example, {@code [T, n, 1]}; null if unmasked. */
    INDArray maskMid(boolean pureGradient) {
        return mask == null ? null : mid(mask.reshape(steps, rows(), 1), pureGradient);
    }

    /** The mask's change per example, {@code [T, n, 1]}; null where both sides share their mask. */
    INDArray maskDelta() {
        return sidesDiffer() ? delta(mask.reshape(steps, rows(), 1)) : null;
    }

    /** {@code [T, S, H]} with step {@code t} holding the array's step before {@code t} in processing order, else 0. */
    static INDArray previous(INDArray a, boolean backwards) {
        int steps = (int) a.size(0);
        INDArray out = Nd4j.zeros(a.dataType(), a.shape());
        if (steps > 1) {
            if (backwards) {
                out.get(NDArrayIndex.interval(0, steps - 1)).assign(a.get(NDArrayIndex.interval(1, steps)));
            } else {
                out.get(NDArrayIndex.interval(1, steps)).assign(a.get(NDArrayIndex.interval(0, steps - 1)));
            }
        }
        return out;
    }

    private static org.nd4j.linalg.indexing.INDArrayIndex[] rowRange(INDArray a, int from, int to) {
        org.nd4j.linalg.indexing.INDArrayIndex[] idx = new org.nd4j.linalg.indexing.INDArrayIndex[a.rank()];
        java.util.Arrays.fill(idx, NDArrayIndex.all());
        idx[1] = NDArrayIndex.interval(from, to);
        return idx;
    }
}
