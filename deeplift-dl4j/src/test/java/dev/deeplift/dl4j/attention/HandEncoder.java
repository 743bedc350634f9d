package dev.deeplift.dl4j.attention;

/**
 * Plain-double forward of the small transformer-style encoder built in {@code EncoderTest} (a DL4J 1.0.0-M2.1
 * ComputationGraph), including how DL4J applies the sequence mask m [N][T] at every step:
 * <pre>
 *   tokEmb[t] = Etok[tok[t]] * m[t]         EmbeddingSequenceLayer (no bias) zeroes masked steps
 *   posEmb[t] = Epos[pos[t]] * m[t]         learned positions: a second input holding 0..T-1
 *   e   = tokEmb + posEmb                    ElementWiseVertex Add (mask = OR of both input masks)
 *   a   = SelfAttention(e, key mask m)       NOT zeroed at masked steps
 *   r1  = e + a                              ElementWiseVertex Add
 *   h1[t] = relu(LN(r1[t] W1) + b1) * m[t]   DenseLayer hasLayerNorm, RELU, per time step
 *   h2[t] = (h1[t] W2 + b2) * m[t]           DenseLayer IDENTITY, per time step
 *                                            (per step = RnnToFeedForward preprocessor ... PreprocessorVertex
 *                                            FeedForwardToRnn; TimeDistributed applies a misaligned mask)
 *   r2  = r1 + h2
 *   p   = sum_t m[t] r2[t] / sum_t m[t]      GlobalPoolingLayer AVG (mask-aware)
 *   y   = softmax(p Wout + bout)             OutputLayer
 * </pre>
 */
public final class HandEncoder {
    public double[][] etok;   // [V][d]
    public double[][] epos;   // [T][d]
    public HandSelfAttention attention;
    public HandDense ff1;
    public HandDense ff2;
    public double[][] wOut;   // [d][C]
    public double[] bOut;     // [C]
    /**
     * The mask the two dense layers actually apply, [N][T]; null = the sequence mask. DL4J's TimeDistributed
     * wrapper applies a misaligned mask (see {@link #timeDistributedMask}); the preprocessor route applies the
     * sequence mask.
     */
    public double[][] ffMask;

    /**
     * The per-step mask DL4J 1.0.0-M2.1's TimeDistributed applies: it flattens the data to rows n*T + t ('c' order)
     * but the mask with TimeSeriesUtils.reshapeTimeSeriesMaskToVector to rows t*N + n ('f' order), so row
     * r = n*T + t gets mask[r % N][r / N].
     */
    public static double[][] timeDistributedMask(double[][] mask) {
        int n = mask.length;
        int t = mask[0].length;
        double[][] out = new double[n][t];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) {
                int r = i * t + s;
                out[i][s] = mask[r % n][r / n];
            }
        }
        return out;
    }

    /**
     * @param tok  [N][T] token indices
     * @param pos  [N][T] position indices
     * @param mask [N][T] or null
     * @return [N][C] class probabilities
     */
    public double[][] forward(int[][] tok, int[][] pos, double[][] mask) {
        int n = tok.length;
        int t = tok[0].length;
        int d = etok[0].length;
        double[][] m = mask;
        if (m == null) {
            m = new double[n][t];
            for (double[] row : m) {
                java.util.Arrays.fill(row, 1.0);
            }
        }
        double[][][] e = new double[n][d][t];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) {
                for (int f = 0; f < d; f++) {
                    e[i][f][s] = etok[tok[i][s]][f] * m[i][s] + epos[pos[i][s]][f] * m[i][s];
                }
            }
        }
        double[][][] a = attention.forward(e, mask);
        double[][] fm = mask == null ? m : (ffMask == null ? m : ffMask);
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] pooled = new double[d];
            double count = 0;
            for (int s = 0; s < t; s++) {
                double[] r1 = new double[d];
                for (int f = 0; f < d; f++) {
                    r1[f] = e[i][f][s] + a[i][f][s];
                }
                double[] h1 = ff1.forward(r1);
                for (int f = 0; f < h1.length; f++) {
                    h1[f] *= fm[i][s];
                }
                double[] h2 = ff2.forward(h1);
                for (int f = 0; f < d; f++) {
                    double r2 = r1[f] + h2[f] * fm[i][s];
                    pooled[f] += r2 * m[i][s];
                }
                count += m[i][s];
            }
            for (int f = 0; f < d; f++) {
                pooled[f] /= count;
            }
            int c = bOut.length;
            double[] z = new double[c];
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < c; k++) {
                double acc = bOut[k];
                for (int f = 0; f < d; f++) {
                    acc += pooled[f] * wOut[f][k];
                }
                z[k] = acc;
                max = Math.max(max, acc);
            }
            double sum = 0;
            for (int k = 0; k < c; k++) {
                z[k] = Math.exp(z[k] - max);
                sum += z[k];
            }
            for (int k = 0; k < c; k++) {
                z[k] /= sum;
            }
            y[i] = z;
        }
        return y;
    }
}
