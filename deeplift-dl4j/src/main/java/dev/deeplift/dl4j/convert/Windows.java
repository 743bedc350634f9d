package dev.deeplift.dl4j.convert;

import dev.deeplift.core.ops.ShapeOps;
import dev.deeplift.core.ops.Window2D;
import org.deeplearning4j.nn.conf.ConvolutionMode;

/**
 * Window geometry from DL4J configurations, and the reshapes that run 1D layers as width-only 2D ones
 * ({@code [N, C, 1, W]} with {@code [1, k]} windows): oneDNN's convolution runs that layout 3× faster than DL4J's own
 * {@code [N, C, W, 1]}, and the generic kernels run both alike.
 */
final class Windows {
    private Windows() {
    }

    /** A 2D window; causal mode is handled by the caller with explicit padding. */
    static Window2D of(int[] kernel, int[] stride, int[] padding, int[] dilation, ConvolutionMode mode,
                       boolean channelsLast) {
        boolean same = mode == ConvolutionMode.Same;
        int[] k = two(kernel, 1);
        int[] s = two(stride, 1);
        int[] pad = same || mode == ConvolutionMode.Causal ? new int[] {0, 0} : two(padding, 0);
        int[] d = two(dilation, 1);
        return new Window2D(k[0], k[1], s[0], s[1], pad[0], pad[1], d[0], d[1], same, channelsLast);
    }

    /** A 1D window as {@code [1, k]}: DL4J's 1D configurations may repeat the value in the unused second entry. */
    static Window2D of1d(int[] kernel, int[] stride, int[] padding, int[] dilation, ConvolutionMode mode,
                         boolean channelsLast) {
        return of(alongWidth(kernel, 1), alongWidth(stride, 1), alongWidth(padding, 0), alongWidth(dilation, 1),
                mode, channelsLast);
    }

    private static int[] alongWidth(int[] v, int height) {
        return v == null || v.length == 0 ? v : new int[] {height, v[0]};
    }

    private static int[] two(int[] v, int fill) {
        if (v == null || v.length == 0) {
            return new int[] {fill, fill};
        }
        return v.length == 1 ? new int[] {v[0], fill} : v;
    }

    /** Appends {@code [N, C, W] → [N, C, 1, W]} (or {@code [N, W, C] → [N, 1, W, C]}). */
    static void to2d(ConversionContext ctx, boolean channelsLast) {
        ctx.add("to2d", new dev.deeplift.core.nodes.LinearNode(dev.deeplift.core.LayerKind.RESHAPE,
                channelsLast ? ShapeOps.unsqueeze(1) : ShapeOps.unsqueeze(2), true));
    }

    /** Appends the inverse of {@link #to2d}. */
    static void to1d(ConversionContext ctx, boolean channelsLast) {
        ctx.add("to1d", new dev.deeplift.core.nodes.LinearNode(dev.deeplift.core.LayerKind.RESHAPE,
                channelsLast ? ShapeOps.squeeze(1) : ShapeOps.squeeze(2), true));
    }

    /** Appends the zero-padding of a causal 1D convolution: {@code (k − 1)·d} zeros before the first step. */
    static void causalPad(ConversionContext ctx, int kernel, int dilation, boolean channelsLast) {
        int[] before = new int[3];
        before[channelsLast ? 1 : 2] = (kernel - 1) * dilation;
        ctx.add("causalPad", new dev.deeplift.core.nodes.LinearNode(dev.deeplift.core.LayerKind.RESHAPE,
                ShapeOps.pad(before, new int[3]), true));
    }
}
