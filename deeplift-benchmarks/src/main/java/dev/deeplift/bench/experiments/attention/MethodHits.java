package dev.deeplift.bench.experiments.attention;

/**
 * One method's outcome on sequences holding both planted tokens, each one to three times ({@code k} planted
 * positions, 2 to 6).
 *
 * @param method            the method's name
 * @param examples          sequences explained
 * @param allInTopK         the share whose {@code k} top-scoring positions are exactly the planted ones
 * @param recallAtK         the mean share of planted positions among the {@code k} top-scoring positions
 * @param bothTokensInTop2  the share whose two top-scoring positions hold an A and a B
 * @param meanPlantedShare  the mean share of the positive position scores that the planted positions hold
 * @param maxSummationError the largest |Σ scores − Δ target| over the sequences (of raw pairs for DeepSHAP)
 * @param seconds           time taken by the method on all sequences
 */
public record MethodHits(String method, int examples, double allInTopK, double recallAtK, double bothTokensInTop2,
                         double meanPlantedShare, double maxSummationError, double seconds) {
}
