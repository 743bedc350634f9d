package dev.deeplift.dl4j.attention;

/**
 * DL4J 1.0.0-M2.1 {@code AttentionVertex} at inference, in plain doubles.
 *
 * <p>Inputs (in this order): queries [N][nInQueries][Tq], keys [N][nInKeys][Tk], values [N][nInValues][Tk].
 * Key mask = elementwise min(keysMask, valuesMask) [N][Tk]; output is multiplied by the queries mask [N][Tq]
 * (broadcast over features), so masked query positions give exactly 0. Masks may be null (= all ones).
 * projectInput = true: Wq [H][P][nInQueries], Wk [H][P][nInKeys], Wv [H][P][nInValues], Wo [H*P][nOut].
 * projectInput = false: no params; all nIn* == nOut, H = 1; scale 1/sqrt(nInKeys).
 */
public final class HandAttentionVertex {
    private final double[][][] wq;
    private final double[][][] wk;
    private final double[][][] wv;
    private final double[][] wo;

    public HandAttentionVertex(double[][][] wq, double[][][] wk, double[][][] wv, double[][] wo) {
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.wo = wo;
    }

    public HandAttentionVertex() {
        this(null, null, null, null);
    }

    public double[][][] forward(double[][][] q, double[][][] k, double[][][] v, double[][] qMask, double[][] kMask,
                                double[][] vMask) {
        double[][][] out = new double[q.length][][];
        for (int n = 0; n < q.length; n++) {
            double[] m = null;
            if (kMask != null || vMask != null) {
                int tk = k[n][0].length;
                m = new double[tk];
                for (int j = 0; j < tk; j++) {
                    double a = kMask == null ? 1 : kMask[n][j];
                    double b = vMask == null ? 1 : vMask[n][j];
                    m[j] = Math.min(a, b);
                }
            }
            double[][] o = wq == null ? HandAttention.single(q[n], k[n], v[n], m)
                    : HandAttention.multiHeadSingle(q[n], k[n], v[n], wq, wk, wv, wo, m);
            if (qMask != null) {
                for (double[] row : o) {
                    for (int i = 0; i < row.length; i++) {
                        row[i] *= qMask[n][i];
                    }
                }
            }
            out[n] = o;
        }
        return out;
    }
}
