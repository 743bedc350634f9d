package dev.deeplift.core.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transpose of a convolution, whichever kernel runs it (flipped-kernel {@code conv2d} or
 * {@code conv2d_input_bp}), is the adjoint of the linear map: {@code <J·x, m> = <x, Jᵀ·m>} for random x and m, and
 * it equals libnd4j's own input gradient.
 */
class ConvolutionOpTest {

    static Stream<Arguments> windows() {
        return Stream.of(
                // kH, kW, stride, pad, dilation, same, channelsLast, weightsFormat
                Arguments.of(5, 5, 1, 0, 1, false, false, 1),
                Arguments.of(3, 3, 1, 1, 1, false, false, 1),
                Arguments.of(3, 3, 1, 2, 1, false, true, 0),
                Arguments.of(4, 4, 1, 1, 1, false, false, 2),
                Arguments.of(11, 1, 1, 0, 1, true, false, 1),
                Arguments.of(3, 5, 1, 0, 2, true, true, 0),
                Arguments.of(3, 3, 1, 1, 2, false, false, 1),
                Arguments.of(4, 4, 1, 0, 1, true, false, 1),
                Arguments.of(2, 3, 1, 0, 1, true, true, 2),
                Arguments.of(3, 3, 2, 1, 1, false, false, 1),
                Arguments.of(3, 3, 2, 0, 1, true, false, 0));
    }

    /** The kernel's shape in libnd4j's weights format {@code format}. */
    private static long[] kernelShape(int format, long kH, long kW, long iC, long oC) {
        return switch (format) {
            case 0 -> new long[] {kH, kW, iC, oC};
            case 1 -> new long[] {oC, iC, kH, kW};
            default -> new long[] {oC, kH, kW, iC};
        };
    }

    @ParameterizedTest
    @MethodSource("windows")
    void transposeIsTheAdjointAndEqualsTheInputGradient(int kH, int kW, int stride, int pad, int dilation,
                                                        boolean same, boolean channelsLast, int format) {
        Nd4j.getRandom().setSeed(kH * 100 + kW * 10 + format);
        long iC = 3;
        long oC = 4;
        INDArray w = Nd4j.rand(DataType.DOUBLE, kernelShape(format, kH, kW, iC, oC)).subi(0.5);
        Window2D window = new Window2D(kH, kW, stride, stride, pad, pad, dilation, dilation, same, channelsLast);
        ConvolutionOp op = new ConvolutionOp(ConvolutionOp.Kind.CONV2D, w, Nd4j.rand(DataType.DOUBLE, oC), window,
                format);
        INDArray x = Nd4j.rand(DataType.DOUBLE, channelsLast ? new long[] {2, 13, 11, iC} : new long[] {2, iC, 13, 11})
                .subi(0.5);
        INDArray y = op.applyLinear(x);
        INDArray m = Nd4j.rand(DataType.DOUBLE, y.shape()).subi(0.5);

        INDArray back = op.transpose(m, x);

        assertArrayEquals(x.shape(), back.shape());
        assertEquals(y.mul(m).sumNumber().doubleValue(), x.mul(back).sumNumber().doubleValue(), 1e-10);
        INDArray shape = Nd4j.createFromArray(x.shape()).castTo(DataType.INT32);
        INDArray inputGradient = CustomOps.exec("conv2d_input_bp", new INDArray[] {shape, w, m},
                window.convArgs(format))[0];
        assertEquals(0.0, back.sub(inputGradient).amaxNumber().doubleValue(), 1e-12);
    }

    /** FLOAT weights, in each format, take the Java-flipped kernel: the same input gradient. */
    @ParameterizedTest
    @MethodSource("windows")
    void floatTransposeEqualsTheInputGradient(int kH, int kW, int stride, int pad, int dilation, boolean same,
                                              boolean channelsLast, int format) {
        Nd4j.getRandom().setSeed(kH * 100 + kW * 10 + format + 1);
        long iC = 3;
        long oC = 4;
        INDArray w = Nd4j.rand(DataType.FLOAT, kernelShape(format, kH, kW, iC, oC)).subi(0.5);
        Window2D window = new Window2D(kH, kW, stride, stride, pad, pad, dilation, dilation, same, channelsLast);
        ConvolutionOp op = new ConvolutionOp(ConvolutionOp.Kind.CONV2D, w, null, window, format);
        INDArray x = Nd4j.rand(DataType.FLOAT, channelsLast ? new long[] {2, 13, 11, iC} : new long[] {2, iC, 13, 11})
                .subi(0.5);
        INDArray m = Nd4j.rand(DataType.FLOAT, op.applyLinear(x).shape()).subi(0.5);

        INDArray back = op.transpose(m, x);

        INDArray shape = Nd4j.createFromArray(x.shape()).castTo(DataType.INT32);
        INDArray inputGradient = CustomOps.exec("conv2d_input_bp", new INDArray[] {shape, w, m},
                window.convArgs(format))[0];
        assertEquals(0.0, back.sub(inputGradient).amaxNumber().doubleValue(), 1e-5);
    }
}
