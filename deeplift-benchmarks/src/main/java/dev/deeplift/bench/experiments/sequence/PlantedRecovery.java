package dev.deeplift.bench.experiments.sequence;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * How well a sequence's scores find its planted motifs: each position's score is the sum of its four channels'
 * scores (the contribution of the base there, relative to the reference), positions are ranked by it from the most
 * positive down, and the top {@code k} are compared with the {@code k} planted positions.
 *
 * <ul>
 *   <li>{@link #recall}: the share of the planted positions among the top {@code k} (1 when the top {@code k} are
 *       exactly the planted positions);</li>
 *   <li>{@link #bothMotifs}: whether each motif has at least one position among the top {@code k}, i.e. whether the
 *       method credits both partners of the interaction.</li>
 * </ul>
 * Ties are broken by position (the earlier first), which only matters for exactly equal scores.
 */
public final class PlantedRecovery {
    private PlantedRecovery() {
    }

    /** Per position, the sum over channels of one sequence's scores {@code [4, L]} (NCW). */
    public static double[] positionScores(INDArray scores) {
        if (scores.rank() != 2) {
            throw new IllegalArgumentException("Expected one sequence's scores [4, L], got "
                    + Arrays.toString(scores.shape()));
        }
        return scores.castTo(DataType.DOUBLE).sum(0).toDoubleVector();
    }

    /** The {@code k} positions with the largest scores, most positive first. */
    public static int[] top(double[] positionScores, int k) {
        if (k < 1 || k > positionScores.length) {
            throw new IllegalArgumentException("k must be in 1.." + positionScores.length + ", got " + k);
        }
        return IntStream.range(0, positionScores.length).boxed()
                .sorted(Comparator.comparingDouble((Integer p) -> -positionScores[p]).thenComparingInt(p -> p))
                .limit(k).mapToInt(Integer::intValue).toArray();
    }

    /** The share of {@code planted} positions among the top {@code planted.length} positions. */
    public static double recall(double[] positionScores, int[] planted) {
        int[] top = top(positionScores, planted.length);
        return Arrays.stream(planted).filter(p -> contains(top, p)).count() / (double) planted.length;
    }

    /** True if each motif has a position among the top {@code motifA.length + motifB.length}. */
    public static boolean bothMotifs(double[] positionScores, int[] motifA, int[] motifB) {
        int[] top = top(positionScores, motifA.length + motifB.length);
        return Arrays.stream(motifA).anyMatch(p -> contains(top, p))
                && Arrays.stream(motifB).anyMatch(p -> contains(top, p));
    }

    /** The chance that random scores rank exactly the {@code k} planted positions on top: {@code 1 / C(L, k)}. */
    public static double chanceAllPlanted(int planted, int length) {
        return 1 / choose(length, planted);
    }

    /** The expected {@link #recall} of random scores: {@code k / L}. */
    public static double chanceRecall(int planted, int length) {
        return planted / (double) length;
    }

    /**
     * The probability that random scores put a position of each motif among the top {@code a + b} of {@code length}
     * positions: {@code 1 − 2·P(none of one motif) + P(none of either)}, counted exactly (hypergeometric).
     */
    public static double chanceBothMotifs(int a, int b, int length) {
        int k = a + b;
        double noneA = choose(length - a, k) / choose(length, k);
        double noneB = choose(length - b, k) / choose(length, k);
        double neither = choose(length - a - b, k) / choose(length, k);
        return 1 - noneA - noneB + neither;
    }

    private static double choose(int n, int k) {
        if (k < 0 || k > n) {
            return 0;
        }
        double c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    private static boolean contains(int[] a, int v) {
        for (int x : a) {
            if (x == v) {
                return true;
            }
        }
        return false;
    }
}
