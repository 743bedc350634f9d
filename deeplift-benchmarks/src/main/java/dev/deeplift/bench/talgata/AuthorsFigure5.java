package dev.deeplift.bench.talgata;

import java.util.Map;
import java.util.Optional;

/**
 * The DeepLIFT authors' false-negative rates on the TAL-GATA test set, as their notebook printed them (bar charts
 * of {@code kundajelab/deeplift} @ 671ee67, {@code examples/public/genomics/genomics_simulation.ipynb}): the
 * percentage of matches with log-odds {@code ≥ 7} in sequences labelled 1,1,1 whose summed task-0 score is
 * {@code ≤ 0}, out of 398 TAL1 matches and 313 GATA1 matches. They ran no integrated gradients with 5 steps.
 */
public final class AuthorsFigure5 {
    /** The authors' denominator for TAL1_known1. */
    public static final int TAL1_MATCHES = 398;
    /** The authors' denominator for GATA_disc1. */
    public static final int GATA_MATCHES = 313;

    private static final Map<String, Double> TAL1_PERCENT = Map.of(
            "guided_backprop", 0.0, "grad_times_inp", 11.56, "integrated_gradients_10", 8.04, "rescale", 7.04,
            "reveal_cancel", 0.0, "genomics_default", 0.0, "genomics_default_multiref_10", 0.0);
    private static final Map<String, Double> GATA_PERCENT = Map.of(
            "guided_backprop", 0.0, "grad_times_inp", 3.83, "integrated_gradients_10", 6.39, "rescale", 4.47,
            "reveal_cancel", 0.0, "genomics_default", 0.0, "genomics_default_multiref_10", 0.0);

    private AuthorsFigure5() {
    }

    /**
     * A published rate.
     *
     * @param percent the percentage, as printed (two decimals)
     * @param matches the denominator
     */
    public record Published(double percent, int matches) {
        /** The count the percentage stands for: {@code round(percent · matches / 100)} (exact at two decimals). */
        public int falseNegatives() {
            return (int) Math.round(percent * matches / 100.0);
        }
    }

    /** The authors' rate for a motif ({@link TalGataMotifs#TAL1} or {@link TalGataMotifs#GATA}) and method key. */
    public static Optional<Published> of(String motif, String methodKey) {
        if (TalGataMotifs.TAL1.equals(motif)) {
            return Optional.ofNullable(TAL1_PERCENT.get(methodKey)).map(p -> new Published(p, TAL1_MATCHES));
        }
        if (TalGataMotifs.GATA.equals(motif)) {
            return Optional.ofNullable(GATA_PERCENT.get(methodKey)).map(p -> new Published(p, GATA_MATCHES));
        }
        return Optional.empty();
    }
}
