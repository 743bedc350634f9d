package dev.deeplift.core.ops;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.OpContext;
import org.nd4j.linalg.factory.Nd4j;

/** Runs libnd4j custom ops by name, the same native kernels DL4J's layers call. */
public final class CustomOps {
    private CustomOps() {
    }

    /** Executes {@code name} on the inputs with integer arguments; outputs are allocated by ND4J. */
    public static INDArray[] exec(String name, INDArray[] inputs, long... intArgs) {
        return Nd4j.exec(op(name, inputs, intArgs));
    }

    /** Executes {@code name} into a preallocated output. */
    public static INDArray execInto(String name, INDArray output, INDArray[] inputs, long... intArgs) {
        DynamicCustomOp op = op(name, inputs, intArgs);
        op.addOutputArgument(output);
        Nd4j.exec(op);
        return output;
    }

    /** The first output of {@code name}, computed by libnd4j's generic kernel if {@code generic}. */
    public static INDArray first(String name, boolean generic, INDArray[] inputs, long... intArgs) {
        return (generic ? execGeneric(name, inputs, intArgs) : exec(name, inputs, intArgs))[0];
    }

    /**
     * Executes {@code name} with libnd4j's generic kernel even where the backend has a platform one (oneDNN):
     * for windows along one axis, such as 1D pooling, oneDNN's pooling measured 1.6–3.8× slower than the generic
     * kernel on 2 cores, and libnd4j 1.0.0-M2.1's oneDNN convolution fails on dilated windows.
     */
    public static INDArray[] execGeneric(String name, INDArray[] inputs, long... intArgs) {
        DynamicCustomOp op = op(name, inputs, intArgs);
        INDArray[] outputs = op.calculateOutputShape().stream().map(Nd4j::create).toArray(INDArray[]::new);
        try (OpContext context = Nd4j.getExecutioner().buildContext()) {
            context.allowHelpers(false);
            context.setInputArrays(inputs);
            context.setOutputArrays(outputs);
            context.setIArguments(intArgs);
            Nd4j.exec(op, context);
        } catch (Exception e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(name + " failed", e);
        }
        return outputs;
    }

    private static DynamicCustomOp op(String name, INDArray[] inputs, long[] intArgs) {
        DynamicCustomOp.DynamicCustomOpsBuilder b = DynamicCustomOp.builder(name).addInputs(inputs);
        if (intArgs.length > 0) {
            b.addIntegerArguments(java.util.Arrays.stream(intArgs).mapToInt(Math::toIntExact).toArray());
        }
        return b.build();
    }

    /** The inputs without the null entries (optional inputs such as a missing bias). */
    static INDArray[] present(INDArray... arrays) {
        return java.util.Arrays.stream(arrays).filter(java.util.Objects::nonNull).toArray(INDArray[]::new);
    }
}
