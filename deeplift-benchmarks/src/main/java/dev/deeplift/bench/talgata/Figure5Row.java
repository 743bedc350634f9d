package dev.deeplift.bench.talgata;

import dev.deeplift.bench.talgata.MatchMasking;
import java.util.Objects;
import java.util.Optional;

/**
 * One cell pair of the false-negative table: our count for a motif, a masking and a method, beside the authors'.
 *
 * @param motif    the motif's name ({@link TalGataMotifs#TAL1} or {@link TalGataMotifs#GATA})
 * @param masking  how the top matches were picked
 * @param method   the method's key
 * @param label    the method's name
 * @param ours     our count
 * @param distinct our count with each match counted once (see {@link DistinctMatches}); the same as {@code ours}
 *                 unless the masking repeats picks
 * @param authors  the authors' published rate, if they ran the method
 */
public record Figure5Row(String motif, MatchMasking masking, String method, String label, FalseNegatives ours,
                         FalseNegatives distinct, Optional<AuthorsFigure5.Published> authors) {
    /** Checks that nothing is missing. */
    public Figure5Row {
        Objects.requireNonNull(motif, "motif");
        Objects.requireNonNull(masking, "masking");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(ours, "ours");
        Objects.requireNonNull(distinct, "distinct");
        Objects.requireNonNull(authors, "authors");
    }

    /** True if the authors ran this method and our count and denominator both equal theirs. */
    public boolean matchesAuthors() {
        return authors.map(a -> a.matches() == ours.matches() && a.falseNegatives() == ours.falseNegatives())
                .orElse(false);
    }
}
