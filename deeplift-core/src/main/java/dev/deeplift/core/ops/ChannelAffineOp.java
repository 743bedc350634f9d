package dev.deeplift.core.ops;

import java.util.function.Supplier;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code y = x·scale + shift} per channel, e.g. batch-normalization at inference with
 * {@code scale = γ/σ} and {@code shift = β − μ·γ/σ}. Where a scale is negative the positive and negative parts of
 * a split swap, which the Linear rule's sign split handles.
 */
public final class ChannelAffineOp implements LinearOp {
    /** The per-channel scale and shift ({@code shift} may be null), computed when asked. */
    public record Coefficients(INDArray scale, INDArray shift) {
    }

    private final Supplier<Coefficients> coefficients;
    private final boolean channelsLast;

    /**
     * @param coefficients {@code [C]} scale and shift, read at every call (so parameters that change are seen)
     * @param channelsLast channels on the last axis (NHWC, NWC) instead of axis 1 ({@code [N, C]}, NCHW, NCW)
     */
    public ChannelAffineOp(Supplier<Coefficients> coefficients, boolean channelsLast) {
        this.coefficients = coefficients;
        this.channelsLast = channelsLast;
    }

    /** Fixed coefficients. */
    public ChannelAffineOp(INDArray scale, INDArray shift, boolean channelsLast) {
        this(() -> new Coefficients(scale, shift), channelsLast);
    }

    @Override
    public INDArray apply(INDArray x) {
        Coefficients c = coefficients.get();
        INDArray y = x.mul(broadcastable(c.scale(), x.rank()));
        return c.shift() == null ? y : y.addi(broadcastable(c.shift(), x.rank()));
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return dx.mul(broadcastable(coefficients.get().scale(), dx.rank()));
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        return m.mul(broadcastable(coefficients.get().scale(), m.rank()));
    }

    @Override
    public LinearOp absolute() {
        return new ChannelAffineOp(Transforms.abs(coefficients.get().scale(), true), null, channelsLast);
    }

    private INDArray broadcastable(INDArray v, int rank) {
        long[] shape = new long[rank];
        java.util.Arrays.fill(shape, 1);
        shape[channelsLast ? rank - 1 : 1] = v.length();
        return v.reshape(shape);
    }

    @Override
    public String toString() {
        return "channelAffine" + (channelsLast ? "[channels last]" : "");
    }
}
