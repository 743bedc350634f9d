package dev.deeplift.core.ops;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A 2D convolution (plain, depthwise or transposed) run by libnd4j's own kernels. Backward, the multipliers go
 * through the input-gradient of the same op, so the Linear rule is exact for every stride, padding, dilation and
 * layout the op supports.
 */
public final class ConvolutionOp implements LinearOp {

    /** Which libnd4j convolution, with its forward and backward op names. */
    public enum Kind {
        /** {@code conv2d}; backward by {@code conv2d_input_bp}, which computes no weight gradient. */
        CONV2D("conv2d", "conv2d_bp"),
        /** {@code depthwise_conv2d}, weights {@code [kH, kW, iC, multiplier]}. */
        DEPTHWISE("depthwise_conv2d", "depthwise_conv2d_bp"),
        /** {@code deconv2d} (transposed convolution). */
        DECONV2D("deconv2d", "deconv2d_bp");

        private final String forward;
        private final String backward;

        Kind(String forward, String backward) {
            this.forward = forward;
            this.backward = backward;
        }
    }

    private final Kind kind;
    private final INDArray weights;
    private final INDArray bias;
    private final Window2D window;
    private final long weightsFormat;

    /**
     * @param kind          which convolution
     * @param weights       the kernel, in the layout {@code weightsFormat} names
     * @param bias          {@code [oC]}, or null
     * @param window        kernel, stride, padding, dilation, mode and layout
     * @param weightsFormat libnd4j's weights format number (0: {@code [kH, kW, iC, oC]}, 1: {@code [oC, iC, kH, kW]},
     *                      2: {@code [oC, kH, kW, iC]})
     */
    public ConvolutionOp(Kind kind, INDArray weights, INDArray bias, Window2D window, long weightsFormat) {
        this.kind = kind;
        this.weights = weights;
        this.bias = bias == null ? null : bias.reshape(bias.length());
        this.window = window;
        this.weightsFormat = weightsFormat;
    }

    @Override
    public INDArray apply(INDArray x) {
        return CustomOps.exec(kind.forward, CustomOps.present(x, weights, bias), args())[0];
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return CustomOps.exec(kind.forward, new INDArray[] {dx, weights}, args())[0];
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        if (kind == Kind.CONV2D) {
            INDArray shape = Nd4j.createFromArray(input.shape()).castTo(DataType.INT32);
            return CustomOps.exec("conv2d_input_bp", new INDArray[] {shape, weights, m}, args())[0];
        }
        return CustomOps.exec(kind.backward, new INDArray[] {input, weights, m}, args())[0];
    }

    @Override
    public LinearOp absolute() {
        return new ConvolutionOp(kind, Transforms.abs(weights, true), null, window, weightsFormat);
    }

    private long[] args() {
        return window.convArgs(weightsFormat);
    }

    @Override
    public String toString() {
        return kind.forward + "[" + window + (bias == null ? ", no bias" : "") + "]";
    }
}
