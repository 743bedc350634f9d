package dev.deeplift.bench.talgata;

/**
 * What a greedy top-k pick masks around itself before the next pick, with {@code h = ⌊w/2⌋} for a window of
 * width {@code w} (see {@link GreedyTopK}).
 */
public enum MatchMasking {
    /**
     * Positions {@code i − h .. i + h} around a pick {@code i}, clipped to the track: later picks are at least
     * {@code h + 1} positions from every earlier one, and no position is picked twice.
     */
    SYMMETRIC,
    /**
     * The DeepLIFT authors' code ({@code deeplift.util.get_top_n_scores_per_region}, used by the paper's genomics
     * notebooks with {@code exclude_hits_within_window = int(w/2)}), reproduced exactly: after picking the first
     * maximum {@code i} of the track it runs {@code scores[i−h : i+h−1] = −inf} with Python's slice rules. So:
     * <ul>
     *   <li>when {@code i < h} the start is negative and counts from the end of the track, so the slice is
     *       empty (for any track of {@code 2h − 1} or more positions) and <b>nothing is masked</b>: the same pick
     *       repeats for every remaining rank;</li>
     *   <li>otherwise positions {@code i − h .. i + h − 2} are masked, one fewer on the right than the left
     *       ({@code i + h − 1} and beyond stay eligible; with {@code h = 1} the pick itself stays eligible and
     *       repeats);</li>
     *   <li>exactly k picks are made; once everything is masked the pick is position 0 with score −∞, as
     *       {@code numpy.argmax} gives.</li>
     * </ul>
     */
    AUTHORS
}
