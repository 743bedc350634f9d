package dev.deeplift.bench.talgata;

import dev.deeplift.bench.talgata.MatchMasking;
import dev.deeplift.bench.talgata.MotifMatch;
import dev.deeplift.bench.talgata.MotifPwm;
import dev.deeplift.bench.talgata.MotifScanner;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The paper's motif scan: log-odds {@code ln(p') − ln(background)} with {@code p' = p·0.999 + 0.00025} against
 * the background (0.3, 0.2, 0.2, 0.3), forward strand only, and the top {@value #TOP_K} matches per sequence
 * picked greedily, each pick masking {@code ⌊w/2⌋} positions around it as the chosen {@link MatchMasking} says.
 */
public final class Figure5Scan {
    /** Matches kept per sequence and motif. */
    public static final int TOP_K = 5;

    private Figure5Scan() {
    }

    /** A scanner for one motif with the paper's background and the given masking. */
    public static MotifScanner scanner(MotifPwm motif, MatchMasking masking) {
        return new MotifScanner(motif, TalGataReference.background(), masking);
    }

    /**
     * The top {@value #TOP_K} matches of a motif in every sequence.
     *
     * @param oneHot {@code [N, L, 4]}
     * @return one list per sequence, best first; {@link MotifMatch#sequence()} is the index in the batch
     */
    public static List<List<MotifMatch>> topMatches(INDArray oneHot, MotifPwm motif, MatchMasking masking) {
        return scanner(motif, masking).topMatches(oneHot, TOP_K);
    }
}
