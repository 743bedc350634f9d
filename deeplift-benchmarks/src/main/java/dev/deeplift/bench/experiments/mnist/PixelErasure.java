package dev.deeplift.bench.experiments.mnist;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's erasure step: given per-pixel score differences {@code S_orig − S_target}, erase (set to the all-zero
 * reference) the pixels that most argue for the original class over the target.
 *
 * <p>Exactly: the pixels with a difference strictly greater than 0 are ranked by difference, largest first (equal
 * differences in pixel order, row by row, so the ranking is deterministic), and erased greedily in that order until
 * {@code maxErased} are erased or no pixel with a positive difference remains. An image may therefore lose fewer
 * than {@code maxErased} pixels, and a pixel that is already 0 is never chosen by a method whose scores are
 * {@code multiplier × (x − 0)}, since its difference is 0. The paper (section 4.1) erases up to
 * {@value #PAPER_MAX_ERASED} pixels (20% of 784) this way.
 */
public final class PixelErasure {
    /** The paper's number of pixels to erase, about 20% of a 28 × 28 image. */
    public static final int PAPER_MAX_ERASED = 157;

    private final int maxErased;

    private PixelErasure(int maxErased) {
        this.maxErased = maxErased;
    }

    /** Erasing at most {@code maxErased} pixels per image. */
    public static PixelErasure upTo(int maxErased) {
        if (maxErased < 0) {
            throw new IllegalArgumentException("maxErased must not be negative, got " + maxErased);
        }
        return new PixelErasure(maxErased);
    }

    /** Erasing at most {@value #PAPER_MAX_ERASED} pixels per image, as the paper does. */
    public static PixelErasure paper() {
        return upTo(PAPER_MAX_ERASED);
    }

    /** The most pixels erased per image. */
    public int maxErased() {
        return maxErased;
    }

    /**
     * The pixels to erase from one image, in the order they are erased: indices (into the flattened image) of the
     * pixels with {@code difference > 0}, largest difference first, ties by index, at most {@link #maxErased()}.
     */
    public int[] pixelsToErase(float[] difference) {
        return IntStream.range(0, difference.length)
                .filter(i -> difference[i] > 0) // also drops NaN: a pixel without a score is not erased
                .boxed()
                .sorted(Comparator.<Integer>comparingDouble(i -> difference[i]).reversed()
                        .thenComparingInt(Integer::intValue))
                .limit(maxErased)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /**
     * Erases, in a copy of each image, the pixels {@link #pixelsToErase} picks from its row of differences.
     *
     * @param images      {@code [N, ...]}
     * @param differences {@code S_orig − S_target}, the images' shape
     * @return the erased copies (the images' shape and data type) and how many pixels each lost
     */
    public Erased erase(INDArray images, INDArray differences) {
        if (!Arrays.equals(images.shape(), differences.shape())) {
            throw new IllegalArgumentException("images " + Arrays.toString(images.shape())
                    + " and differences " + Arrays.toString(differences.shape()) + " must have one shape");
        }
        int n = (int) images.size(0);
        int perImage = n == 0 ? 0 : (int) (images.length() / n);
        float[][] d = differences.reshape(n, perImage).castTo(DataType.FLOAT).toFloatMatrix();
        int[] counts = new int[n];
        INDArray out = images.dup('c');
        INDArray flat = out.reshape(n, perImage); // a view of the c-ordered copy: writes land in out
        for (int i = 0; i < n; i++) {
            int[] chosen = pixelsToErase(d[i]);
            counts[i] = chosen.length;
            for (int p : chosen) {
                flat.putScalar(i, p, 0.0); // the all-zero reference
            }
        }
        return new Erased(out, counts);
    }

    /**
     * Erased images.
     *
     * @param images       copies of the images with the chosen pixels set to 0
     * @param erasedPixels per image, how many pixels were set to 0 (at most {@link #maxErased()})
     */
    public record Erased(INDArray images, int[] erasedPixels) {
    }
}
