package dev.deeplift.dl4j.attention;

/**
 * Plain-double reference of the two libnd4j ops behind DL4J 1.0.0-M2.1's attention layers:
 * {@code dot_product_attention} and {@code multi_head_dot_product_attention}, as DL4J calls them (scaled = true).
 *
 * <p>Layout (as in DL4J): every sequence array is {@code [N][features][time]} (NCW); a key mask is {@code [N][Tk]}
 * (1 = keep, 0 = skip), or null for "no mask" (DL4J then passes an all-ones mask, which is identical).
 *
 * <p>Per example, with q [F][Tq], k [F][Tk], v [Fv][Tk]:
 * <pre>
 *   s[j][i] = (sum_f k[f][j] q[f][i]) / sqrt(F)  +  (mask[j] - 1) * 1e9        (j = key, i = query)
 *   w[.][i] = softmax over j (the KEY axis, axis -2 of [N, Tk, Tq]), computed shifted: exp(s - max_j s)
 *   out[c][i] = sum_j v[c][j] w[j][i]
 * </pre>
 * Multi-head: for head h, q_h = Wq[h] q  ([P][F] x [F][T]), same for k (Wk[h]) and v (Wv[h] : [Pv][Fv]);
 * the scale is 1/sqrt(P) (P = headSize, the projected key size); heads are concatenated as row index
 * {@code h*Pv + p} of a vector of length H*Pv, and the output is {@code out[o][i] = sum_r concat[r][i] Wo[r][o]}.
 */
public final class HandAttention {

    /** The large negative added to masked keys' scores: (mask - 1) * MASK_PENALTY. */
    public static final double MASK_PENALTY = 1e9;

    private HandAttention() {
    }

    /** Attention weights of one example: [Tk][Tq], columns sum to 1. */
    public static double[][] weights(double[][] q, double[][] k, double[] keyMask) {
        int f = q.length;
        if (k.length != f) {
            throw new IllegalArgumentException("queries and keys need the same feature size: " + f + " vs " + k.length);
        }
        int tq = q[0].length;
        int tk = k[0].length;
        double scale = Math.sqrt(f);
        double[][] s = new double[tk][tq];
        for (int j = 0; j < tk; j++) {
            for (int i = 0; i < tq; i++) {
                double dot = 0;
                for (int c = 0; c < f; c++) {
                    dot += k[c][j] * q[c][i];
                }
                double v = dot / scale;
                if (keyMask != null) {
                    v += (keyMask[j] - 1.0) * MASK_PENALTY;
                }
                s[j][i] = v;
            }
        }
        softmaxOverRowsInPlace(s);
        return s;
    }

    /** Shifted softmax of every column of s[Tk][Tq] over the first index. */
    static void softmaxOverRowsInPlace(double[][] s) {
        int tk = s.length;
        int tq = s[0].length;
        for (int i = 0; i < tq; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < tk; j++) {
                max = Math.max(max, s[j][i]);
            }
            double sum = 0;
            for (int j = 0; j < tk; j++) {
                double e = Math.exp(s[j][i] - max);
                s[j][i] = e;
                sum += e;
            }
            for (int j = 0; j < tk; j++) {
                s[j][i] /= sum;
            }
        }
    }

    /** dot_product_attention of one example: q [F][Tq], k [F][Tk], v [Fv][Tk] -> [Fv][Tq]. */
    public static double[][] single(double[][] q, double[][] k, double[][] v, double[] keyMask) {
        double[][] w = weights(q, k, keyMask);
        return matmul(v, w);
    }

    /** dot_product_attention over a batch: [N][F][Tq], [N][F][Tk], [N][Fv][Tk], mask [N][Tk] or null. */
    public static double[][][] dotProductAttention(double[][][] q, double[][][] k, double[][][] v, double[][] mask) {
        double[][][] out = new double[q.length][][];
        for (int n = 0; n < q.length; n++) {
            out[n] = single(q[n], k[n], v[n], mask == null ? null : mask[n]);
        }
        return out;
    }

    /**
     * multi_head_dot_product_attention of one example.
     *
     * @param wq [H][P][Fq]
     * @param wk [H][P][Fk]
     * @param wv [H][Pv][Fv]
     * @param wo [H*Pv][nOut]
     * @return [nOut][Tq]
     */
    public static double[][] multiHeadSingle(double[][] q, double[][] k, double[][] v, double[][][] wq,
                                             double[][][] wk, double[][][] wv, double[][] wo, double[] keyMask) {
        int heads = wq.length;
        int pv = wv[0].length;
        int tq = q[0].length;
        double[][] concat = new double[heads * pv][];
        for (int h = 0; h < heads; h++) {
            double[][] qh = matmul(wq[h], q);
            double[][] kh = matmul(wk[h], k);
            double[][] vh = matmul(wv[h], v);
            double[][] oh = single(qh, kh, vh, keyMask);
            for (int p = 0; p < pv; p++) {
                concat[h * pv + p] = oh[p];
            }
        }
        int nOut = wo[0].length;
        double[][] out = new double[nOut][tq];
        for (int o = 0; o < nOut; o++) {
            for (int i = 0; i < tq; i++) {
                double acc = 0;
                for (int r = 0; r < heads * pv; r++) {
                    acc += concat[r][i] * wo[r][o];
                }
                out[o][i] = acc;
            }
        }
        return out;
    }

    /** multi_head_dot_product_attention over a batch; see {@link #multiHeadSingle}. */
    public static double[][][] multiHead(double[][][] q, double[][][] k, double[][][] v, double[][][] wq,
                                         double[][][] wk, double[][][] wv, double[][] wo, double[][] mask) {
        double[][][] out = new double[q.length][][];
        for (int n = 0; n < q.length; n++) {
            out[n] = multiHeadSingle(q[n], k[n], v[n], wq, wk, wv, wo, mask == null ? null : mask[n]);
        }
        return out;
    }

    /** a [r][m] x b [m][c]. */
    public static double[][] matmul(double[][] a, double[][] b) {
        int r = a.length;
        int m = b.length;
        int c = b[0].length;
        if (a[0].length != m) {
            throw new IllegalArgumentException("inner sizes differ: " + a[0].length + " vs " + m);
        }
        double[][] out = new double[r][c];
        for (int i = 0; i < r; i++) {
            for (int j = 0; j < c; j++) {
                double acc = 0;
                for (int t = 0; t < m; t++) {
                    acc += a[i][t] * b[t][j];
                }
                out[i][j] = acc;
            }
        }
        return out;
    }
}
