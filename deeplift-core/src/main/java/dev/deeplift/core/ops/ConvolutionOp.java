package dev.deeplift.core.ops;

import dev.deeplift.core.kernels.FlippedKernel;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * A 2D convolution (plain, depthwise or transposed) run by libnd4j's own kernels. Backward, the multipliers go
 * through the input-gradient of the same op, so the Linear rule is exact for every stride, padding, dilation and
 * layout the op supports.
 *
 * <p>For a plain convolution with stride 1 the transpose is itself a convolution: the kernel flipped in space with
 * its channel axes swapped, over the multipliers padded by {@code d(k−1) − p}. That runs libnd4j's forward
 * {@code conv2d} (oneDNN's kernel where the backend has it), measured 3–25× faster than {@code conv2d_input_bp} on
 * the oneDNN backend, and 1.7× faster on the generic one where the input has as many channels as the output. Few
 * input channels on the generic backend, other strides and the asymmetric padding of an even kernel in {@code same}
 * mode keep {@code conv2d_input_bp}.
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
    /** Set on first use; a race only builds the same constant twice. */
    private volatile INDArray exchange;

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
        return exec(kind.forward, CustomOps.present(x, weights, bias), args());
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        return exec(kind.forward, new INDArray[] {dx, weights}, args());
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        if (kind == Kind.CONV2D && window.transposesAsConvolution()
                && (NativeBackend.hasConvolutionLibrary() || flippedIsCheaper(m, input))) {
            return exec("conv2d", new INDArray[] {m, flippedKernel()}, window.transposeConvArgs(1));
        }
        if (kind == Kind.CONV2D) {
            INDArray shape = Nd4j.createFromArray(input.shape()).castTo(DataType.INT32);
            return exec("conv2d_input_bp", new INDArray[] {shape, weights, m}, args());
        }
        return exec(kind.backward, new INDArray[] {input, weights, m}, args());
    }

    @Override
    public LinearOp absolute() {
        return new ConvolutionOp(kind, Transforms.abs(weights, true), null, window, weightsFormat);
    }

    /**
     * Without oneDNN or cuDNN both kernels go through a column buffer: the flipped convolution's holds
     * {@code oC·k·H_in·W_in} values per example, {@code conv2d_input_bp}'s {@code iC·k·H_out·W_out}. The smaller
     * buffer wins (measured: 1.7× faster at 64→64 channels, 5× slower at 4→64). With {@code |x| = iC·H_in·W_in}
     * and {@code |m| = oC·H_out·W_out} that is {@code oC²·|x| ≤ iC²·|m|}.
     */
    private boolean flippedIsCheaper(INDArray m, INDArray input) {
        INDArray kernel = swappedKernel();
        double inputSide = (double) kernel.size(1) * kernel.size(1) * input.length();
        return inputSide <= (double) kernel.size(0) * kernel.size(0) * m.length();
    }

    /** The kernel as a {@code [iC, oC, kH, kW]} view (libnd4j format 1 with input and output channels swapped). */
    private INDArray swappedKernel() {
        return switch ((int) weightsFormat) {
            case 0 -> weights.permute(2, 3, 0, 1);
            case 1 -> weights.permute(1, 0, 2, 3);
            case 2 -> weights.permute(3, 0, 1, 2);
            default -> throw new IllegalStateException("Unknown weights format " + weightsFormat);
        };
    }

    /**
     * The {@link #swappedKernel() swapped kernel} reversed along both spatial axes. Built per call from the live
     * weights: it is small beside the activations. FLOAT weights are copied in one Java pass read in place
     * ({@link FlippedKernel}); otherwise, reversing both axes of a row-major {@code [kH, kW]}
     * block reverses its flat order, which one product with the {@code kH·kW} exchange matrix does exactly (each
     * value times 1 plus zeros; libnd4j's {@code reverse} op took 2–3 ms for a 50k-value kernel).
     */
    private INDArray flippedKernel() {
        INDArray direct = FlippedKernel.of(weights, weightsFormat);
        if (direct != null) {
            return direct;
        }
        INDArray swapped = swappedKernel();
        long[] shape = swapped.shape();
        INDArray blocks = swapped.dup('c').reshape('c', shape[0] * shape[1], shape[2] * shape[3]);
        return CustomOps.exec("matmul", new INDArray[] {blocks, exchange()})[0].reshape('c', shape);
    }

    /** The {@code kH·kW} exchange matrix (ones on the anti-diagonal), made once outside any workspace. */
    private INDArray exchange() {
        INDArray j = exchange;
        if (j == null) {
            int size = Math.toIntExact(window.kH() * window.kW());
            try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
                j = Nd4j.zeros(weights.dataType(), size, size);
                for (int k = 0; k < size; k++) {
                    j.putScalar(k, size - 1 - k, 1.0);
                }
            }
            exchange = j;
        }
        return j;
    }

    private INDArray exec(String op, INDArray[] inputs, long[] args) {
        return CustomOps.first(op, window.dilated(), inputs, args);
    }

    private long[] args() {
        return window.convArgs(weightsFormat);
    }

    @Override
    public String toString() {
        return kind.forward + "[" + window + (bias == null ? ", no bias" : "") + "]";
    }
}
