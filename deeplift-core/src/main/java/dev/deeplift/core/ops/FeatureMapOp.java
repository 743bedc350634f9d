package dev.deeplift.core.ops;

import java.util.Arrays;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * One matrix applied to the feature vector of every time step of sequence data, {@code y[n, :, t] = M·x[n, :, t] + b}:
 * the projections of attention layers. The input is {@code [N, F, T]}, or any {@code [N, f1, f2, ..., T]} whose
 * middle axes hold {@code F = f1·f2·...} features in 'c' order (the heads of a multi-head activation,
 * {@code [N, H, P, T]}); the output is {@code [N, outShape..., T]}.
 *
 * <p>The matrix is read at every call (a view of live parameters works) and may be given transposed, as DL4J keeps
 * output projections ({@code [F, R]}, used as {@code Mᵀ}).
 */
public final class FeatureMapOp implements LinearOp {
    private final INDArray matrix;
    private final boolean transposed;
    private final INDArray bias;
    private final long[] outShape;

    /**
     * @param matrix     {@code [R, F]}, or {@code [F, R]} if {@code transposed}
     * @param transposed true if {@code matrix} is {@code [F, R]} and {@code Mᵀ} is applied
     * @param bias       {@code R} values added at every step, or null
     * @param outShape   the output features per step, whose product is {@code R} (e.g. {@code {H, P}})
     */
    public FeatureMapOp(INDArray matrix, boolean transposed, INDArray bias, long... outShape) {
        if (matrix.rank() != 2) {
            throw new IllegalArgumentException("A feature map needs a matrix, got " + matrix.shapeInfoToString());
        }
        long rows = matrix.size(transposed ? 1 : 0);
        if (Arrays.stream(outShape).reduce(1, (x, y) -> x * y) != rows) {
            throw new IllegalArgumentException("Output shape " + Arrays.toString(outShape) + " does not hold " + rows
                    + " features");
        }
        if (bias != null && bias.length() != rows) {
            throw new IllegalArgumentException("The bias has " + bias.length() + " values for " + rows + " features");
        }
        this.matrix = matrix;
        this.transposed = transposed;
        this.bias = bias;
        this.outShape = outShape.clone();
    }

    /** The number of input features per step. */
    public long inFeatures() {
        return matrix.size(transposed ? 0 : 1);
    }

    @Override
    public INDArray apply(INDArray x) {
        INDArray y = applyLinear(x);
        if (bias == null) {
            return y;
        }
        long[] shape = new long[outShape.length + 2];
        Arrays.fill(shape, 1);
        System.arraycopy(outShape, 0, shape, 1, outShape.length);
        return y.addi(bias.reshape(shape));
    }

    @Override
    public INDArray applyLinear(INDArray dx) {
        long n = dx.size(0);
        long t = dx.size(dx.rank() - 1);
        long f = inFeatures();
        if (dx.length() != n * f * t) {
            throw new IllegalArgumentException("Expected " + f + " features per step, got "
                    + Arrays.toString(dx.shape()));
        }
        // Rows n·T + t of [N·T, F] times Mᵀ give the output rows: one product for every step of every example.
        INDArray rows = dx.reshape('c', n, f, t).permute(0, 2, 1).dup('c').reshape('c', n * t, f);
        INDArray y = CustomOps.exec("matmul", new INDArray[] {rows, matrix}, 0, transposed ? 0 : 1)[0];
        return toSequence(y, n, t, outShape);
    }

    @Override
    public INDArray transpose(INDArray m, INDArray input) {
        long n = m.size(0);
        long t = m.size(m.rank() - 1);
        long r = m.length() / (n * t);
        INDArray rows = m.reshape('c', n, r, t).permute(0, 2, 1).dup('c').reshape('c', n * t, r);
        INDArray back = CustomOps.exec("matmul", new INDArray[] {rows, matrix}, 0, transposed ? 1 : 0)[0];
        return toSequence(back, n, t, new long[] {inFeatures()}).reshape('c', input.shape());
    }

    /** {@code [N·T, features]} rows back to {@code [N, shape..., T]}. */
    private static INDArray toSequence(INDArray rows, long n, long t, long[] shape) {
        long features = rows.size(1);
        INDArray seq = rows.reshape('c', n, t, features).permute(0, 2, 1).dup('c');
        long[] full = new long[shape.length + 2];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        full[full.length - 1] = t;
        return seq.reshape('c', full);
    }

    @Override
    public LinearOp absolute() {
        return new FeatureMapOp(Transforms.abs(matrix, true), transposed, null, outShape);
    }

    @Override
    public String toString() {
        return "FeatureMap[" + inFeatures() + "→" + Arrays.toString(outShape) + (bias == null ? "" : ", bias") + "]";
    }
}
