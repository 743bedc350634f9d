package dev.deeplift.bench.talgata;

/**
 * One match of a motif in a sequence.
 *
 * @param sequence the sequence's index in its batch
 * @param start    the 0-based position of the motif's first base; the match covers {@code start .. start+w−1}
 * @param logOdds  the match's log-odds score (see {@link MotifPwm})
 */
public record MotifMatch(int sequence, int start, double logOdds) {
}
