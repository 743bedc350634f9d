package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.UnaryNode;
import dev.deeplift.core.rules.Ratios;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Max over windows, with the two max-pooling rules of {@link MaxPoolMode}. Subclasses say what a window is by
 * giving the max and the routing of values to each window's arg-max (first position in row-major order on ties,
 * accumulated where windows overlap).
 *
 * <p>{@link MaxPoolMode#CROSS_MAX}: with {@code M = max(y, y_ref)}, the cell's {@code M − y_ref} is credited to the
 * input's arg-max and {@code y − M} to the reference's arg-max; dividing the credits by each position's {@code Δx}
 * gives multipliers whose scores sum to {@code Δy} exactly. Where {@code |Δx|} is tiny the credit is (up to
 * rounding) zero and the multiplier falls back to the gradient.
 */
public abstract class MaxNode extends UnaryNode {

    /** The max of every window, {@code [N, ...out]}. */
    protected abstract INDArray max(INDArray a);

    /** {@code v} ({@code [N, ...out]}) routed to the arg-max of each window of {@code a} ({@code [N, ...in]}). */
    protected abstract INDArray route(INDArray a, INDArray v);

    /**
     * The cross-max multipliers from a fused kernel, bit for bit those of the ND4J ops in {@link #backward}, or null
     * where none applies (the default).
     */
    protected INDArray crossMaxKernel(PairActivations in, PairActivations out, INDArray m, double epsilon) {
        return null;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.POOLING;
    }

    @Override
    protected PairActivations forward(PairActivations in, NodeContext context) {
        return PairActivations.of(max(in.input()), max(in.reference()));
    }

    @Override
    protected Multipliers backward(Multipliers out, PairActivations in, PairActivations output,
                                   NodeContext context) {
        INDArray m = out.collapseOn(output);
        INDArray x = in.input();
        if (context.pureGradient() || context.maxPoolMode() == MaxPoolMode.GRADIENT) {
            return Multipliers.symmetric(route(x, m));
        }
        INDArray fused = crossMaxKernel(in, output, m, context.epsilon());
        if (fused != null) {
            return Multipliers.symmetric(fused);
        }
        // With M = max(y, y_ref): M − y_ref = max(Δy, 0) goes to the input's arg-max, y − M = min(Δy, 0) to the
        // reference's; the second is only routed when the reference wins somewhere.
        INDArray dy = output.delta();
        INDArray credit = route(x, Transforms.relu(dy, true).muli(m));
        if (dy.minNumber().doubleValue() < 0) {
            credit.addi(route(in.broadcastReference(), Transforms.min(dy, 0.0, true).muli(m)));
        }
        double[] scale = Ratios.sum(in.inputScale(), in.referenceScale());
        return Multipliers.symmetric(Ratios.safeRatio(credit, in.delta(), scale, context.epsilon(), () -> route(x, m)));
    }
}
