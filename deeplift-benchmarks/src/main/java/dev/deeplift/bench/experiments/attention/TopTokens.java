package dev.deeplift.bench.experiments.attention;

import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Token scores and whether the planted tokens are among the top-scoring positions: a token's score is the sum of
 * the scores of its position's one-hot channels (with a one-hot reference only the present token's channel has a
 * delta; against other references every channel that differs counts).
 */
public final class TopTokens {
    private TopTokens() {
    }

    /** Per-position scores {@code [N][T]} from one-hot scores {@code [N, V, T]}. */
    public static double[][] positionScores(INDArray scores) {
        INDArray perPosition = scores.sum(1);
        int n = (int) perPosition.size(0);
        int t = (int) perPosition.size(1);
        double[][] out = new double[n][t];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < t; j++) {
                out[i][j] = perPosition.getDouble(i, j);
            }
        }
        return out;
    }

    /** How many of {@code planted} are among the {@code k} positions with the highest scores (ties: first first). */
    public static int hits(double[] scores, int k, int... planted) {
        boolean[] top = top(scores, k);
        int hits = 0;
        for (int p : planted) {
            hits += p >= 0 && top[p] ? 1 : 0;
        }
        return hits;
    }

    /** The {@code k} positions with the highest scores, as a mask (ties: the earlier position first). */
    public static boolean[] top(double[] scores, int k) {
        boolean[] top = new boolean[scores.length];
        for (int round = 0; round < k && round < scores.length; round++) {
            int best = -1;
            for (int j = 0; j < scores.length; j++) {
                if (!top[j] && (best < 0 || scores[j] > scores[best])) {
                    best = j;
                }
            }
            top[best] = true;
        }
        return top;
    }
}
