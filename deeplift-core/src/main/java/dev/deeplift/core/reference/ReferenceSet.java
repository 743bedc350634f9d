package dev.deeplift.core.reference;

import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The references of one input batch {@code [N, ...]}: {@link #perExample()} references (R) for each example,
 * produced in chunks by {@link #get} so that no more than a chunk is ever held.
 *
 * <pre>{@code
 * ReferenceSet refs = Reference.dinucleotideShuffled(50, 1L).forInput(x);   // R = 50
 * INDArray first10 = refs.get(3, 0, 10);                                    // [10, L, 4], for example 3
 * INDArray zero = Reference.zeros().forInput(x).single();                   // [1, ...]
 * }</pre>
 *
 * <p>The references of an example do not depend on how they are requested: {@code get(i, 0, 5)} equals
 * {@code get(i, 0, 2)} followed by {@code get(i, 2, 5)}. Returned arrays have the input's data type and must not
 * be changed (some are views of shared arrays).
 */
public interface ReferenceSet {

    /** The number of examples N of the input. */
    long examples();

    /** The number of references R of every example: 1 for a single reference, more for a distribution. */
    int perExample();

    /** True if every example has the same references (then {@link #get}'s result does not depend on the example). */
    boolean shared();

    /**
     * References {@code from} (inclusive) to {@code to} (exclusive) of one example.
     *
     * @return {@code [to − from, ...]} with the input's feature shape
     * @throws IndexOutOfBoundsException if {@code example} or the range is out of bounds, or the range is empty
     */
    INDArray get(long example, int from, int to);

    /**
     * The single reference of every example as one array, for {@link dev.deeplift.core.Explainer#explain}:
     * {@code [1, ...]} when {@link #shared()}, else {@code [N, ...]}.
     *
     * @throws IllegalStateException if this is a distribution ({@code perExample() > 1}): use DeepSHAP
     */
    default INDArray single() {
        if (perExample() != 1) {
            throw new IllegalStateException("This reference gives " + perExample() + " references per example: "
                    + "average over them with DeepShap, or take one with get(example, k, k + 1)");
        }
        if (shared()) {
            return get(0, 0, 1);
        }
        List<INDArray> rows = new ArrayList<>();
        for (long i = 0; i < examples(); i++) {
            rows.add(get(i, 0, 1));
        }
        return rows.size() == 1 ? rows.get(0) : Nd4j.concat(0, rows.toArray(new INDArray[0]));
    }
}
