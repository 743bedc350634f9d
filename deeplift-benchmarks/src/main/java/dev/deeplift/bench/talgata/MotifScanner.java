package dev.deeplift.bench.talgata;

import dev.deeplift.core.genomics.OneHot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Finds the top k matches of a motif in each sequence: the log-odds track of the motif (see {@link MotifPwm}) is
 * picked greedily by {@link GreedyTopK}, each pick masking {@code ⌊w/2⌋} positions around it as the chosen
 * {@link MatchMasking} says. Immutable.
 *
 * <pre>{@code
 * MotifScanner gata = new MotifScanner(MotifPwm.read(Path.of("GATA_disc1.pwm")));
 * List<List<MotifMatch>> top5 = gata.topMatches(OneHot.encode(sequences, DataType.FLOAT), 5);
 * }</pre>
 */
public final class MotifScanner {
    private final MotifPwm motif;
    private final double[] background;
    private final MatchMasking masking;

    /** A scanner against {@link MotifPwm#defaultBackground()} with {@link MatchMasking#SYMMETRIC} masking. */
    public MotifScanner(MotifPwm motif) {
        this(motif, MotifPwm.defaultBackground(), MatchMasking.SYMMETRIC);
    }

    /**
     * @param motif      the motif, forward strand only
     * @param background the probabilities of A, C, G, T for the log-odds
     * @param masking    what each pick masks around itself
     */
    public MotifScanner(MotifPwm motif, double[] background, MatchMasking masking) {
        this.motif = Objects.requireNonNull(motif, "motif");
        this.background = Objects.requireNonNull(background, "background").clone();
        this.masking = Objects.requireNonNull(masking, "masking");
        motif.logOdds(this.background); // checks the background now rather than at the first scan
    }

    /** The same scanner with another masking. */
    public MotifScanner withMasking(MatchMasking other) {
        return new MotifScanner(motif, background, other);
    }

    /** The motif. */
    public MotifPwm motif() {
        return motif;
    }

    /** The masking of each pick. */
    public MatchMasking masking() {
        return masking;
    }

    /** {@code ⌊w/2⌋}: how far each pick masks. */
    public int halfWindow() {
        return motif.width() / 2;
    }

    /** The log-odds of the motif at every start position: {@link MotifPwm#scores(INDArray, double[])}. */
    public INDArray scores(INDArray oneHot) {
        return motif.scores(oneHot, background);
    }

    /**
     * The top k matches in each sequence, best first.
     *
     * @param oneHot {@code [N, L, 4]}, or {@code [L, 4]} for one sequence (index 0)
     * @param k      matches per sequence; fewer come back under {@link MatchMasking#SYMMETRIC} when the
     *               sequence has no room for k
     * @return one list per sequence, in batch order
     */
    public List<List<MotifMatch>> topMatches(INDArray oneHot, int k) {
        INDArray scores = scores(oneHot);
        INDArray rows = scores.rank() == 1 ? scores.reshape(1, scores.length()) : scores;
        List<List<MotifMatch>> out = new ArrayList<>((int) rows.size(0));
        for (int i = 0; i < rows.size(0); i++) {
            double[] track = rows.getRow(i).toDoubleVector();
            List<MotifMatch> matches = new ArrayList<>(k);
            for (int start : GreedyTopK.pick(track, k, halfWindow(), masking)) {
                matches.add(new MotifMatch(i, start, track[start]));
            }
            out.add(List.copyOf(matches));
        }
        return List.copyOf(out);
    }

    @Override
    public String toString() {
        return "MotifScanner[" + motif.name() + ", " + masking + "]";
    }
}
