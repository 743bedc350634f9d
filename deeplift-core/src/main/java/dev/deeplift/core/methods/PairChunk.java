package dev.deeplift.core.methods;

import dev.deeplift.core.engine.Batches;
import dev.deeplift.core.reference.ReferenceSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The (example, reference) pairs {@code [from, to)} of an input, as arrays an explainer takes. Pairs are numbered
 * example-major: pair {@code p} is reference {@code p mod R} of example {@code p div R}.
 *
 * @param inputs     {@code [B, ...]}: each pair's example
 * @param references {@code [B, ...]}, or {@code [1, ...]} when a single reference is shared by every example
 * @param targets    each pair's target
 */
record PairChunk(INDArray inputs, INDArray references, int[] targets) {

    static PairChunk of(INDArray input, ReferenceSet refs, int[] targets, long from, long to) {
        int r = refs.perExample();
        int size = Math.toIntExact(to - from);
        int[] t = new int[size];
        for (int k = 0; k < size; k++) {
            t[k] = targets[(int) ((from + k) / r)];
        }
        if (r == 1) {
            // One pair per example: the examples are a slice, and a shared reference stays [1, ...].
            INDArray x = Batches.rows(input, from, to).dup();
            INDArray ref = refs.shared() ? checked(refs.get(0, 0, 1), 1, refs) : concat(singles(refs, from, to));
            return new PairChunk(x, ref, t);
        }
        List<INDArray> xs = new ArrayList<>();
        List<INDArray> rs = new ArrayList<>();
        for (long i = from / r; i * r < to; i++) {
            int k0 = (int) (Math.max(from, i * r) - i * r);
            int k1 = (int) (Math.min(to, (i + 1) * r) - i * r);
            rs.add(checked(refs.get(i, k0, k1), k1 - k0, refs));
            xs.add(Batches.rows(input, i, i + 1).repeat(0, k1 - k0));
        }
        return new PairChunk(concat(xs), concat(rs), t);
    }

    /** Reference {@code k} of a shared set, {@code [1, ...]}. */
    static INDArray checkedReference(ReferenceSet refs, int k) {
        return checked(refs.get(0, k, k + 1), 1, refs);
    }

    private static List<INDArray> singles(ReferenceSet refs, long from, long to) {
        List<INDArray> list = new ArrayList<>();
        for (long i = from; i < to; i++) {
            list.add(checked(refs.get(i, 0, 1), 1, refs));
        }
        return list;
    }

    private static INDArray checked(INDArray ref, long rows, ReferenceSet refs) {
        if (ref == null || ref.rank() < 1 || ref.size(0) != rows) {
            throw new IllegalStateException(refs + " returned " + (ref == null ? "null"
                    : Arrays.toString(ref.shape())) + " where " + rows + " references were asked for");
        }
        return ref;
    }

    private static INDArray concat(List<INDArray> parts) {
        return parts.size() == 1 ? parts.get(0).dup() : Nd4j.concat(0, parts.toArray(new INDArray[0]));
    }
}
