package dev.deeplift.bench.talgata;

import java.util.Arrays;
import java.util.Objects;

/**
 * The top k positions of a score track, picked greedily: take the first maximum, mask positions around it (see
 * {@link MatchMasking}), repeat. Used on motif log-odds tracks by {@link MotifScanner}, and equally on any other
 * track, e.g. importance scores summed over sliding windows.
 */
public final class GreedyTopK {
    private GreedyTopK() {
    }

    /**
     * Picks up to k positions, best first.
     *
     * @param track      the scores, finite or −∞ (no NaN)
     * @param k          the number of picks, ≥ 0
     * @param halfWindow {@code h}, usually {@code ⌊w/2⌋} for a window width {@code w}
     * @param masking    what each pick masks
     * @return the positions picked: {@link MatchMasking#SYMMETRIC} stops early when every position is masked,
     *         {@link MatchMasking#AUTHORS} always returns k
     */
    public static int[] pick(double[] track, int k, int halfWindow, MatchMasking masking) {
        Objects.requireNonNull(track, "track");
        Objects.requireNonNull(masking, "masking");
        if (k < 0 || halfWindow < 0) {
            throw new IllegalArgumentException("k and halfWindow must be ≥ 0, got " + k + " and " + halfWindow);
        }
        for (int i = 0; i < track.length; i++) {
            if (Double.isNaN(track[i])) {
                throw new IllegalArgumentException("The track has NaN at position " + i);
            }
        }
        return masking == MatchMasking.SYMMETRIC ? symmetric(track, k, halfWindow) : authors(track, k, halfWindow);
    }

    private static int[] symmetric(double[] track, int k, int h) {
        boolean[] masked = new boolean[track.length];
        int[] picks = new int[k];
        int count = 0;
        while (count < k) {
            int best = -1;
            for (int i = 0; i < track.length; i++) {
                if (!masked[i] && (best < 0 || track[i] > track[best])) {
                    best = i; // strictly greater: the first maximum wins ties
                }
            }
            if (best < 0) {
                break;
            }
            picks[count++] = best;
            Arrays.fill(masked, Math.max(0, best - h), Math.min(track.length, best + h + 1), true);
        }
        return Arrays.copyOf(picks, count);
    }

    private static int[] authors(double[] track, int k, int h) {
        double[] scores = track.clone();
        int[] picks = new int[k];
        for (int j = 0; j < k; j++) {
            int best = 0;
            for (int i = 1; i < scores.length; i++) {
                if (scores[i] > scores[best]) {
                    best = i;
                }
            }
            picks[j] = best;
            int start = pythonSliceBound(best - h, scores.length);
            int end = pythonSliceBound(best + h - 1, scores.length);
            if (start < end) {
                Arrays.fill(scores, start, end, Double.NEGATIVE_INFINITY);
            }
        }
        return picks;
    }

    /** A slice bound as Python reads it: negative counts from the end, then clipped to [0, length]. */
    private static int pythonSliceBound(int bound, int length) {
        int b = bound < 0 ? bound + length : bound;
        return Math.max(0, Math.min(length, b));
    }
}
