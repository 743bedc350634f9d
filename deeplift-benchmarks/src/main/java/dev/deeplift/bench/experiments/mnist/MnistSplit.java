package dev.deeplift.bench.experiments.mnist;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A deterministic train/test split of {@link MnistDigits}, stratified by digit: of each digit's images, in their
 * order in the data, the first {@code floor(trainFraction × count)} go to training and the rest to test.
 *
 * <p>The package's images are grouped by digit, so "the first 8,000 images" would hold no 8 or 9 at all; splitting
 * each digit keeps every class in both parts in its own proportion. With {@link #DEFAULT_TRAIN_FRACTION} = 0.8 the
 * 10,000 digits split 7,996 / 2,004, and the 944 eights 755 / 189.
 */
public record MnistSplit(MnistDigits train, MnistDigits test) {
    /** The share of each digit's images used for training. */
    public static final double DEFAULT_TRAIN_FRACTION = 0.8;

    /** Both parts, not null. */
    public MnistSplit {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
    }

    /** {@link #of(MnistDigits, double)} with {@link #DEFAULT_TRAIN_FRACTION}. */
    public static MnistSplit of(MnistDigits digits) {
        return of(digits, DEFAULT_TRAIN_FRACTION);
    }

    /**
     * Splits each digit's images: the first {@code floor(trainFraction × count)} to training, the rest to test.
     *
     * @param trainFraction in (0, 1)
     */
    public static MnistSplit of(MnistDigits digits, double trainFraction) {
        if (!(trainFraction > 0 && trainFraction < 1)) {
            throw new IllegalArgumentException("trainFraction must be in (0, 1), got " + trainFraction);
        }
        List<Integer> train = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (int d = 0; d < MnistDigits.CLASSES; d++) {
            int inTrain = (int) Math.floor(trainFraction * digits.count(d));
            int seen = 0;
            for (int i = 0; i < digits.size(); i++) {
                if (digits.label(i) == d) {
                    (seen++ < inTrain ? train : test).add(i);
                }
            }
        }
        return new MnistSplit(digits.select(toArray(train)), digits.select(toArray(test)));
    }

    /** Both parts with every grey value multiplied by {@code factor} (see {@link MnistDigits#scaled}). */
    public MnistSplit scaled(double factor) {
        return factor == 1 ? this : new MnistSplit(train.scaled(factor), test.scaled(factor));
    }

    private static int[] toArray(List<Integer> indices) {
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }
}
