package dev.deeplift.core.ops;

/**
 * The geometry of a 2D sliding window (convolution or pooling) in libnd4j's terms.
 *
 * @param kH       kernel height
 * @param kW       kernel width
 * @param sH       stride along height
 * @param sW       stride along width
 * @param pH       padding along height (top; with {@code same} libnd4j derives it)
 * @param pW       padding along width
 * @param dH       dilation along height
 * @param dW       dilation along width
 * @param same     DL4J's {@code ConvolutionMode.Same}
 * @param channelsLast NHWC instead of NCHW
 */
public record Window2D(long kH, long kW, long sH, long sW, long pH, long pW, long dH, long dW, boolean same,
                       boolean channelsLast) {

    /**
     * True if the window is dilated. libnd4j 1.0.0-M2.1's oneDNN convolution refuses dilations above 1 ("execution
     * failed"), so dilated windows run on the generic kernels ({@link CustomOps#execGeneric}).
     */
    public boolean dilated() {
        return dH != 1 || dW != 1;
    }

    /** Integer arguments of libnd4j's pooling ops ({@code extra}: the divisor mode or p-norm; 0 for max). */
    public long[] poolArgs(long extra) {
        return new long[] {kH, kW, sH, sW, pH, pW, dH, dW, same ? 1 : 0, extra, channelsLast ? 1 : 0};
    }

    /** Integer arguments of libnd4j's convolution ops ({@code weightsFormat} as libnd4j numbers it). */
    long[] convArgs(long weightsFormat) {
        return new long[] {kH, kW, sH, sW, pH, pW, dH, dW, same ? 1 : 0, channelsLast ? 1 : 0, weightsFormat};
    }

    /**
     * True if the transpose of a convolution over this window is a convolution over its output: stride 1 and the
     * same padding on both sides of each axis ({@code same} mode pads {@code d(k−1)} in all, the extra cell at the
     * end, so an odd total is asymmetric).
     */
    boolean transposesAsConvolution() {
        if (sH != 1 || sW != 1) {
            return false;
        }
        if (same) {
            return dH * (kH - 1) % 2 == 0 && dW * (kW - 1) % 2 == 0;
        }
        return pH <= dH * (kH - 1) && pW <= dW * (kW - 1);
    }

    /**
     * Integer arguments of the convolution that is this window's transpose (see {@link #transposesAsConvolution}):
     * padding {@code d(k−1) − p}, or {@code same} again.
     */
    long[] transposeConvArgs(long weightsFormat) {
        long tH = same ? 0 : dH * (kH - 1) - pH;
        long tW = same ? 0 : dW * (kW - 1) - pW;
        return new long[] {kH, kW, 1, 1, tH, tW, dH, dW, same ? 1 : 0, channelsLast ? 1 : 0, weightsFormat};
    }

    @Override
    public String toString() {
        return kH + "x" + kW + "/s" + sH + "x" + sW + (same ? " same" : " p" + pH + "x" + pW)
                + (dH != 1 || dW != 1 ? " d" + dH + "x" + dW : "") + (channelsLast ? " NHWC" : "");
    }
}
