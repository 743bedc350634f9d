package dev.deeplift.bench.talgata;

import dev.deeplift.bench.talgata.MotifMatch;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Each sequence's matches with repeats removed. The authors' top-k picking
 * ({@link dev.deeplift.bench.talgata.MatchMasking#AUTHORS}) masks nothing after a pick that starts before
 * {@code ⌊w/2⌋}, so such a match is picked again for every remaining rank and counted several times; counting each
 * once shows how much of a false-negative rate comes from those repeats.
 */
public final class DistinctMatches {
    private DistinctMatches() {
    }

    /** The matches of each sequence, keeping the first of those with the same start, in their order. */
    public static List<List<MotifMatch>> of(List<List<MotifMatch>> matches) {
        List<List<MotifMatch>> out = new ArrayList<>(matches.size());
        for (List<MotifMatch> perSequence : matches) {
            Set<Integer> starts = new HashSet<>();
            List<MotifMatch> kept = new ArrayList<>();
            for (MotifMatch m : perSequence) {
                if (starts.add(m.start())) {
                    kept.add(m);
                }
            }
            out.add(List.copyOf(kept));
        }
        return List.copyOf(out);
    }
}
