package dev.deeplift.dl4j.attention;

import java.util.function.DoubleUnaryOperator;

/**
 * DL4J 1.0.0-M2.1 {@code DenseLayer} on one row, optionally with {@code hasLayerNorm(true)}:
 * <pre>
 *   z = x W                               (W [nIn][nOut])
 *   if layer norm: z = g * (z - mean(z)) / std(z)   (population std over the nOut features, no epsilon;
 *                                                    0/0 -> 0 via libnd4j's ReplaceNans)
 *   z = z + b;  y = act(z)
 * </pre>
 * Layer norm acts on x W only, before the bias; there is no separate LayerNormalization layer in DL4J.
 */
public final class HandDense {
    private final double[][] w;
    private final double[] b;
    private final double[] gain;
    private final DoubleUnaryOperator act;

    public HandDense(double[][] w, double[] b, double[] gain, DoubleUnaryOperator act) {
        this.w = w;
        this.b = b;
        this.gain = gain;
        this.act = act;
    }

    public double[] forward(double[] x) {
        int nOut = w[0].length;
        double[] z = new double[nOut];
        for (int o = 0; o < nOut; o++) {
            double acc = 0;
            for (int i = 0; i < x.length; i++) {
                acc += x[i] * w[i][o];
            }
            z[o] = acc;
        }
        if (gain != null) {
            layerNormInPlace(z, gain);
        }
        for (int o = 0; o < nOut; o++) {
            z[o] = act.applyAsDouble(z[o] + (b == null ? 0 : b[o]));
        }
        return z;
    }

    /** libnd4j layer_norm over one vector: g * standardize(z), standardize = (z - mean) / populationStd. */
    public static void layerNormInPlace(double[] z, double[] gain) {
        int n = z.length;
        double mean = 0;
        for (double v : z) {
            mean += v;
        }
        mean /= n;
        double var = 0;
        for (double v : z) {
            var += (v - mean) * (v - mean);
        }
        double std = Math.sqrt(var / n);
        for (int i = 0; i < n; i++) {
            double s = (z[i] - mean) / std;
            z[i] = gain[i] * (Double.isNaN(s) ? 0.0 : s);
        }
    }
}
