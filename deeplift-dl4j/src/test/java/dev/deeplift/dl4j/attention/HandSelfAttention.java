package dev.deeplift.dl4j.attention;

/**
 * DL4J 1.0.0-M2.1 {@code SelfAttentionLayer} at inference, in plain doubles.
 *
 * <p>Input x [N][nIn][T] (NCW, always: the layer has no data-format setting), key mask [N][T] or null.
 * projectInput = true: params Wq, Wk, Wv [nHeads][headSize][nIn], Wo [nHeads*headSize][nOut], no biases;
 * out = multi_head_dot_product_attention(x, x, x) [N][nOut][T].
 * projectInput = false (nHeads must be 1, nIn == nOut): no params; out = dot_product_attention(x, x, x), scale
 * 1/sqrt(nIn). The mask only removes keys; outputs at masked query positions are computed normally (not zeroed).
 */
public final class HandSelfAttention {
    private final double[][][] wq;
    private final double[][][] wk;
    private final double[][][] wv;
    private final double[][] wo;

    /** projectInput = true. */
    public HandSelfAttention(double[][][] wq, double[][][] wk, double[][][] wv, double[][] wo) {
        this.wq = wq;
        this.wk = wk;
        this.wv = wv;
        this.wo = wo;
    }

    /** projectInput = false. */
    public HandSelfAttention() {
        this(null, null, null, null);
    }

    public double[][][] forward(double[][][] x, double[][] mask) {
        if (wq == null) {
            return HandAttention.dotProductAttention(x, x, x, mask);
        }
        return HandAttention.multiHead(x, x, x, wq, wk, wv, wo, mask);
    }
}
