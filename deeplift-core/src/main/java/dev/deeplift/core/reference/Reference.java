package dev.deeplift.core.reference;

import dev.deeplift.core.engine.Validator;
import dev.deeplift.core.Layout;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How to choose the references an explanation is relative to: for an input batch {@code [N, ...]}, either one
 * reference per example (DeepLIFT) or a distribution of R references per example (DeepSHAP averages over them).
 *
 * <p>{@link #forInput} binds a reference to one input batch and returns a {@link ReferenceSet}, which produces the
 * references of one example in chunks, on demand: N × R references are never held at once. Every reference is
 * immutable (arrays given to a factory are copied) and may be shared between threads.
 *
 * <pre>{@code
 * INDArray mean = Reference.mean(trainingSet).forInput(x).single();      // [1, ...], one shared reference
 * Attribution a = deepLift.explain(x, mean, 3);
 * Attribution s = DeepShap.of(deepLift).explain(x, Reference.background(samples), 3);
 * Attribution g = DeepShap.of(deepLift).explain(dna, Reference.dinucleotideShuffled(20, 7L), 0);
 * }</pre>
 *
 * <p>A custom reference implements {@link #forInput}; it must make the references of example {@code i} depend only
 * on the input (not on how {@link ReferenceSet#get} calls are chunked), so that results do not depend on batch
 * sizes.
 */
@FunctionalInterface
public interface Reference {

    /**
     * The references of one input batch.
     *
     * @param input {@code [N, ...]}, a floating-point batch of at least one example
     * @throws IllegalArgumentException if the input does not suit this reference (shape, rank, one-hot content)
     */
    ReferenceSet forInput(INDArray input);

    /** One all-zero reference shared by every example (the DeepLIFT default). */
    static Reference zeros() {
        return new ConstantReference(0.0);
    }

    /** One reference shared by every example, every feature equal to {@code value}. */
    static Reference constant(double value) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("Reference.constant: the value must be finite, got " + value);
        }
        return new ConstantReference(value);
    }

    /**
     * One reference shared by every example: the mean of a dataset over its first axis.
     *
     * @param dataset {@code [M, ...]} with the input's feature shape, {@code M ≥ 1}
     */
    static Reference mean(INDArray dataset) {
        Validator.batch(dataset, "Reference.mean: the dataset", "row");
        return new ArrayReference(dataset.mean(true, 0), false, "Reference.mean");
    }

    /**
     * A given array: {@code [1, ...]} is shared by every example, {@code [N, ...]} gives example {@code i} row
     * {@code i} (the {@link dev.deeplift.core.Explainer} convention).
     */
    static Reference of(INDArray reference) {
        Validator.batch(reference, "Reference.of: the reference", "row");
        return new ArrayReference(reference.dup(), false, "Reference.of");
    }

    /** One reference per example: {@code [N, ...]}, exactly as many rows as the input has examples. */
    static Reference perExample(INDArray references) {
        Validator.batch(references, "Reference.perExample: the references", "row");
        return new ArrayReference(references.dup(), true, "Reference.perExample");
    }

    /**
     * A blurred copy of each image: a separable Gaussian over height and width, each channel on its own, with
     * half-sample reflected edges ({@code … c b a | a b c … x y z | z y x …}, scipy's {@code "reflect"}), so the
     * image's mass stays inside it. The kernel is truncated at {@code ceil(4σ)} pixels and normalised to sum 1, so a
     * constant image stays constant.
     *
     * @param sigma  the standard deviation in pixels, {@code > 0}
     * @param layout where the channels are: {@code [N, C, H, W]} or {@code [N, H, W, C]}
     */
    static Reference gaussianBlur(double sigma, Layout layout) {
        return new GaussianBlurReference(sigma, layout);
    }

    /**
     * A distribution: every example is paired with each of M background samples ({@code R = M}), as DeepSHAP's
     * background set. The samples are shared, never copied per example.
     *
     * @param samples {@code [M, ...]} with the input's feature shape, {@code M ≥ 1}
     */
    static Reference background(INDArray samples) {
        Validator.batch(samples, "Reference.background: the samples", "sample");
        return new BackgroundReference(samples.dup());
    }

    /**
     * A distribution of {@code count} dinucleotide-shuffled copies of each one-hot sequence {@code [N, L, K]}
     * (channels last). See {@link #dinucleotideShuffled(int, long, Layout)}.
     */
    static Reference dinucleotideShuffled(int count, long seed) {
        return dinucleotideShuffled(count, seed, Layout.NWC);
    }

    /**
     * A distribution of {@code count} dinucleotide-shuffled copies of each one-hot sequence: each copy has exactly
     * the sequence's counts of every base and of every pair of adjacent bases (the Altschul–Erickson Eulerian-path
     * shuffle, drawn uniformly with Wilson's algorithm), and keeps the first and last base.
     *
     * <p>All-zero positions (N, or padding) stay where they are, all-zero: each run of bases between them is
     * shuffled on its own. Since every run keeps its first and last base, the counts of pairs that touch an N are
     * kept too, and a reference never has a base where the input has none.
     *
     * <p>The k-th copy of a sequence depends only on {@code seed}, {@code k} and the sequence itself, not on its
     * position in the batch or on how copies are requested; the same seed always gives the same copies.
     *
     * @param count  copies per sequence (R), {@code ≥ 1}
     * @param seed   the seed
     * @param layout {@code [N, L, K]} or {@code [N, K, L]}; any alphabet size K works, 4 for DNA
     * @throws IllegalArgumentException from {@link #forInput} if a position holds anything but a single 1 or all 0
     */
    static Reference dinucleotideShuffled(int count, long seed, Layout layout) {
        return new DinucleotideShuffleReference(count, seed, layout);
    }
}
