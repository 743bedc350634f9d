package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.functions.ElementwiseFunctions;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.UnaryNode;
import dev.deeplift.core.ops.CustomOps;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The exponential of softmax over one axis, shifted: {@code e = exp(s − c)} where {@code c} is the largest score
 * along the axis at the input and at the reference together, one shift per example (and head, and query) shared by
 * both sides, so {@code e} is one fixed function of {@code s} and the nonlinear rule of the node's {@link
 * dev.deeplift.core.Rule} applies to it (the softmax is then {@code e·(1/Σe)}, whose normaliser and product take
 * their own rules). Softmax does not depend on {@code c}, which only keeps {@code exp} in range on both sides.
 *
 * <p>Where {@code e} is exactly 0 at the input and at the reference (masked keys, whose scores are lowered by
 * {@code 1e9}, or scores so far below the largest that {@code exp} underflows) {@code Δe = 0}: those elements take
 * no part, their multipliers are 0, and they are left out of the magnitudes the rules' tiny-divisor tests use.
 *
 * <p>Each side depends on the other through {@code c}: {@link #sidesIndependent()} is false.
 */
public final class SoftmaxExpNode extends UnaryNode {
    private static final ElementwiseFunction EXP = ElementwiseFunctions.exp();
    private final int axis;

    /** @param axis the axis softmax normalises over, counting the batch axis (keys: 2 in {@code [N, H, Tk, Tq]}) */
    public SoftmaxExpNode(int axis) {
        if (axis < 1) {
            throw new IllegalArgumentException("Softmax over the batch axis has no per-example meaning");
        }
        this.axis = axis;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.NONLINEARITY;
    }

    @Override
    public boolean sidesIndependent() {
        return false;
    }

    @Override
    protected PairActivations forward(PairActivations in, NodeContext context) {
        INDArray c = shift(in);
        return PairActivations.of(Transforms.exp(in.input().sub(c), false),
                Transforms.exp(in.reference().sub(c), false));
    }

    @Override
    protected Multipliers backward(Multipliers out, PairActivations in, PairActivations output,
                                   NodeContext context) {
        INDArray m = out.collapseOn(output);
        INDArray c = shift(in);
        INDArray z = in.input().sub(c);
        INDArray zRef = in.reference().sub(c);
        INDArray keep = null;
        if (output.input().add(output.reference()).minNumber().doubleValue() == 0.0) {
            keep = output.input().add(output.reference()).gt(0.0).castTo(z.dataType());
            z.muli(keep);
            zRef.muli(keep);
        }
        PairActivations shifted = in.hasExplicitSplit()
                ? PairActivations.withSplit(z, zRef, kept(in.deltaPlus(), keep), kept(in.deltaMinus(), keep))
                : PairActivations.of(z, zRef);
        Multipliers back = context.nonlinearRule().backward(EXP, shifted, output, m, context.epsilon());
        if (keep == null) {
            return back;
        }
        return back.isSymmetric() ? Multipliers.symmetric(back.plus().muli(keep))
                : Multipliers.of(back.plus().muli(keep), back.minus().muli(keep));
    }

    /** {@code max} along the axis over both sides: {@code [N, ..., 1, ...]}. */
    private INDArray shift(PairActivations in) {
        INDArray c = in.input().max(true, axis);
        INDArray cRef = in.reference().max(true, axis);
        if (cRef.size(0) != c.size(0)) {
            cRef = cRef.broadcast(c.shape());
        }
        return CustomOps.exec("maximum", new INDArray[] {c, cRef})[0];
    }

    private static INDArray kept(INDArray a, INDArray keep) {
        return keep == null ? a : a.mul(keep);
    }

    @Override
    public String toString() {
        return "softmaxExp(axis " + axis + ")";
    }
}
