package dev.deeplift.core.genomics;

import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.Attribution;
import dev.deeplift.core.methods.PairQuantity;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.core.Layout;
import java.util.Arrays;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Hypothetical contributions of one-hot sequences: what each base would contribute at each position, had it been
 * the base there, used to find motifs that the observed sequence only partly matches (as TF-MoDISco does).
 *
 * <p>Convention: for base {@code b} at position {@code p}, with multipliers {@code m} and reference {@code ref},
 * <pre>
 *   hyp[p, b] = Σ_c (e_b[c] − ref[p, c]) · m[p, c] = m[p, b] − Σ_c ref[p, c] · m[p, c]
 * </pre>
 * where {@code e_b} is the one-hot of {@code b}: the DeepLIFT score that position {@code p} would get, summed over
 * its channels, if it held {@code b}. All-zero multipliers give zero. Under DeepSHAP the hypothetical contributions
 * are computed per (example, reference) pair and averaged ({@link #deepShap}); they cannot be computed from the
 * averaged multipliers, since {@code Σ ref·m} is not linear in them.
 *
 * <p>{@link #project} multiplies by the observed one-hot sequence. At a position holding base {@code x_p}, the
 * projection is {@code hyp[p, x_p] = Σ_c (x[p, c] − ref[p, c]) · m[p, c]}: the actual scores of that position summed
 * over its channels, placed on the observed base. So per position, and in total, the projected hypothetical scores of
 * the actual reference sum to the actual scores (and equal them element-wise where the reference is zero off the
 * observed base). At an all-zero (N) position the projection is 0, while the actual scores sum to
 * {@code −Σ_c ref[p, c]·m[p, c]}; the two agree where the reference is also all zero there, as dinucleotide
 * shuffling keeps it ({@link Reference#dinucleotideShuffled}).
 *
 * <pre>{@code
 * Attribution a = deepLift.explain(onehot, ref, 0);                              // [N, L, 4]
 * INDArray hyp = HypotheticalContributions.of(a.multipliers(), ref);
 * Attribution s = HypotheticalContributions.deepShap(DeepShap.of(deepLift), onehot,
 *         Reference.dinucleotideShuffled(20, 7L), targets);
 * INDArray meanHyp = s.averagedQuantity().orElseThrow();                          // [N, L, 4]
 * INDArray projected = HypotheticalContributions.project(meanHyp, onehot);
 * }</pre>
 */
public final class HypotheticalContributions {
    private HypotheticalContributions() {
    }

    /** {@link #of(INDArray, INDArray, Layout)} for channels-last sequences {@code [N, L, K]}. */
    public static INDArray of(INDArray multipliers, INDArray reference) {
        return of(multipliers, reference, Layout.NWC);
    }

    /**
     * Hypothetical contributions {@code hyp[p, b] = m[p, b] − Σ_c ref[p, c]·m[p, c]}.
     *
     * @param multipliers {@code [N, L, K]} or {@code [N, K, L]}, e.g. {@code Attribution.multipliers()}
     * @param reference   the multipliers' shape, or {@code [1, ...]} shared by every example; any values (one-hot
     *                    or not)
     * @param layout      where the alphabet is
     * @return the multipliers' shape and data type
     */
    public static INDArray of(INDArray multipliers, INDArray reference, Layout layout) {
        Objects.requireNonNull(layout, "layout");
        if (layout != Layout.NWC && layout != Layout.NCW) {
            throw new IllegalArgumentException("layout must be a sequence batch, NWC or NCW; got " + layout);
        }
        checkSequences(multipliers, "multipliers");
        if (reference == null) {
            throw new IllegalArgumentException("reference is null");
        }
        long[] ms = multipliers.shape();
        long[] rs = reference.shape();
        boolean sameFeatures = rs.length == ms.length
                && Arrays.equals(Arrays.copyOfRange(rs, 1, rs.length), Arrays.copyOfRange(ms, 1, ms.length));
        if (!sameFeatures || (rs[0] != ms[0] && rs[0] != 1)) {
            throw new IllegalArgumentException("reference has shape " + Arrays.toString(rs)
                    + " but must have the multipliers' shape " + Arrays.toString(ms) + " or a leading dimension of 1");
        }
        INDArray ref = reference.dataType() == multipliers.dataType() ? reference
                : reference.castTo(multipliers.dataType());
        INDArray weighted = multipliers.mul(ref).sum(true, layout.channelAxis()); // Σ_c ref·m, [N, L, 1] or [N, 1, L]
        return multipliers.sub(weighted);
    }

    /**
     * Hypothetical scores projected onto the observed sequence, {@code hyp · onehot}: each position keeps the value of
     * its observed base, zero elsewhere and at all-zero positions.
     *
     * @param hypothetical {@code [N, L, K]} or {@code [N, K, L]}
     * @param oneHot       the same shape
     */
    public static INDArray project(INDArray hypothetical, INDArray oneHot) {
        checkSequences(hypothetical, "hypothetical");
        checkSequences(oneHot, "oneHot");
        if (!Arrays.equals(hypothetical.shape(), oneHot.shape())) {
            throw new IllegalArgumentException("oneHot has shape " + Arrays.toString(oneHot.shape())
                    + " but the hypothetical scores have shape " + Arrays.toString(hypothetical.shape()));
        }
        INDArray x = oneHot.dataType() == hypothetical.dataType() ? oneHot : oneHot.castTo(hypothetical.dataType());
        return hypothetical.mul(x);
    }

    /**
     * The hypothetical contributions of every (example, reference) pair, from the pair's multipliers and reference:
     * for {@link DeepShap#explain(INDArray, Reference, int[], PairQuantity)}.
     */
    public static PairQuantity perPair(Layout layout) {
        Objects.requireNonNull(layout, "layout");
        return (inputs, references, pairs) -> of(pairs.multipliers(), references, layout);
    }

    /** {@link #deepShap(DeepShap, INDArray, Reference, int[], Layout)} for channels-last sequences. */
    public static Attribution deepShap(DeepShap shap, INDArray oneHot, Reference reference, int[] targets) {
        return deepShap(shap, oneHot, reference, targets, Layout.NWC);
    }

    /**
     * DeepSHAP with hypothetical contributions averaged over the same pairs, batched the same way: the result's
     * {@link Attribution#averagedQuantity()} is the mean over each example's references of the pairs'
     * hypothetical contributions, the input's shape.
     *
     * @param shap      DeepSHAP over an explainer of the one-hot input
     * @param oneHot    {@code [N, L, K]} or {@code [N, K, L]}
     * @param reference e.g. {@link Reference#dinucleotideShuffled(int, long, Layout)}
     * @param targets   one output unit per example
     * @param layout    where the alphabet is
     */
    public static Attribution deepShap(DeepShap shap, INDArray oneHot, Reference reference, int[] targets,
                                               Layout layout) {
        Objects.requireNonNull(shap, "shap");
        checkSequences(oneHot, "oneHot");
        return shap.explain(oneHot, reference, targets, perPair(layout));
    }

    private static void checkSequences(INDArray a, String what) {
        if (a == null) {
            throw new IllegalArgumentException(what + " is null");
        }
        if (a.rank() != 3) {
            throw new IllegalArgumentException(what + " has shape " + Arrays.toString(a.shape())
                    + "; sequences [N, L, K] or [N, K, L] are required");
        }
    }
}
