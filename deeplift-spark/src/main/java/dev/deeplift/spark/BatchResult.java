package dev.deeplift.spark;

/**
 * The library's results for a batch of rows, copied out of ND4J once (per-row ND4J calls would cost more than the
 * network for small models).
 *
 * @param scores      {@code rows × width} scores, row-major: a {@code float[]} or a {@code double[]}
 * @param width       values per row
 * @param deltas      each row's target difference
 * @param errors      each row's summation error, |Σ scores − delta|
 * @param targets     each row's explained unit
 */
record BatchResult(Object scores, int width, double[] deltas, double[] errors, int[] targets) {

    /** Row {@code i}'s scores: a fresh {@code float[]} or {@code double[]}. */
    Object scoresOf(int i) {
        if (scores instanceof float[] f) {
            float[] row = new float[width];
            System.arraycopy(f, i * width, row, 0, width);
            return row;
        }
        double[] row = new double[width];
        System.arraycopy((double[]) scores, i * width, row, 0, width);
        return row;
    }
}
