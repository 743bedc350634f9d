package dev.deeplift.dl4j.attention;

import java.util.function.DoubleUnaryOperator;

/**
 * DL4J 1.0.0-M2.1 {@code RecurrentAttentionLayer} at inference, in plain doubles.
 *
 * <p>Params: W [nIn][nOut], RW [nOut][nOut], b [nOut] (if hasBias), and with projectInput Wq [H][P][nOut],
 * Wk, Wv [H][P][nIn], Wo [H*P][nOut]. For x [N][nIn][T]:
 * <pre>
 *   z_0 = x_0 W + b;                                     h_0 = act(z_0)
 *   z_t = x_t W + b + attn(query = h_{t-1}, keys = values = x (all T steps, key mask)) RW;   h_t = act(z_t)
 * </pre>
 * attn is multi-head attention (projectInput) or plain dot-product attention (projectInput false, then
 * nIn == nOut, scale 1/sqrt(nOut)). Output [N][nOut][T]; masked time steps are still computed (not zeroed).
 */
public final class HandRecurrentAttention {
    private final double[][] w;
    private final double[][] rw;
    private final double[] b;
    private final double[][][] wq;
    private final double[][][] wk;
    private final double[][][] wv;
    private final double[][] wo;
    private final DoubleUnaryOperator act;

    public HandRecurrentAttention(double[][] w, double[][] rw, double[] b, double[][][] wq, double[][][] wk,
                                  double[][][] wv, double[][] wo, DoubleUnaryOperator act) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.wo = wo;
        this.act = act;
    }

    public double[][][] forward(double[][][] x, double[][] mask) {
        int nIn = w.length;
        int nOut = w[0].length;
        double[][][] out = new double[x.length][nOut][];
        for (int n = 0; n < x.length; n++) {
            int t = x[n][0].length;
            double[][] h = new double[nOut][t];
            double[] m = mask == null ? null : mask[n];
            double[] prev = null;
            for (int s = 0; s < t; s++) {
                double[] z = new double[nOut];
                for (int o = 0; o < nOut; o++) {
                    double acc = 0;
                    for (int i = 0; i < nIn; i++) {
                        acc += x[n][i][s] * w[i][o];
                    }
                    z[o] = acc + (b == null ? 0 : b[o]);
                }
                if (prev != null) {
                    double[][] q = new double[prev.length][1];
                    for (int i = 0; i < prev.length; i++) {
                        q[i][0] = prev[i];
                    }
                    double[][] a = wq == null ? HandAttention.single(q, x[n], x[n], m)
                            : HandAttention.multiHeadSingle(q, x[n], x[n], wq, wk, wv, wo, m);
                    for (int o = 0; o < nOut; o++) {
                        double acc = 0;
                        for (int r = 0; r < a.length; r++) {
                            acc += a[r][0] * rw[r][o];
                        }
                        z[o] += acc;
                    }
                }
                prev = new double[nOut];
                for (int o = 0; o < nOut; o++) {
                    prev[o] = act.applyAsDouble(z[o]);
                    h[o][s] = prev[o];
                }
            }
            out[n] = h;
        }
        return out;
    }
}
