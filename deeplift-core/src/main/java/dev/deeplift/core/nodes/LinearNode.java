package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.UnaryNode;
import dev.deeplift.core.ops.LinearOp;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The Linear rule over a {@link LinearOp}: multipliers go back through the transposed map (paper 3.5.1).
 *
 * <p>For RevealCancel the node also splits its delta into the sums of its positive and negative terms
 * {@code w·Δx} (bias excluded). A node that mixes signs (dense, convolution) builds its terms from the sign of its
 * input's total delta; a node that {@link #carriesSplit() carries the split} (pooling, padding, reshapes, affine
 * normalization) maps its input's positive and negative parts, swapping them through negative weights. Backward,
 * an input element takes {@code m+·w+ + m−·w−} where its delta is positive, {@code m+·w− + m−·w+} where negative
 * and the mean of the two where zero.
 */
public final class LinearNode extends UnaryNode {
    private final LayerKind kind;
    private final LinearOp op;
    private final boolean carriesSplit;

    /**
     * @param kind         what the op is, for rule policies
     * @param op           the affine map
     * @param carriesSplit true for sign-preserving maps whose RevealCancel split passes through
     */
    public LinearNode(LayerKind kind, LinearOp op, boolean carriesSplit) {
        this.kind = kind;
        this.op = op;
        this.carriesSplit = carriesSplit;
    }

    /** A node that mixes signs, such as a dense or convolution layer. */
    public LinearNode(LayerKind kind, LinearOp op) {
        this(kind, op, false);
    }

    /** The affine map. */
    public LinearOp op() {
        return op;
    }

    @Override
    public LayerKind kind() {
        return kind;
    }

    @Override
    public boolean carriesSplit() {
        return carriesSplit;
    }

    @Override
    protected PairActivations forward(PairActivations in, NodeContext context) {
        INDArray y = op.apply(in.input());
        INDArray yRef = op.apply(in.reference());
        if (!context.needsSplit()) {
            return PairActivations.of(y, yRef);
        }
        INDArray xPlus = carriesSplit ? in.deltaPlus() : in.signPlus();
        INDArray xMinus = carriesSplit ? in.deltaMinus() : in.signMinus();
        LinearOp.SignSplit s = op.split();
        INDArray plus = s.plus().applyLinear(xPlus);
        INDArray minus = s.plus().applyLinear(xMinus);
        if (s.minus() != null) {
            plus.addi(s.minus().applyLinear(xMinus));
            minus.addi(s.minus().applyLinear(xPlus));
        }
        return PairActivations.withSplit(y, yRef, plus, minus);
    }

    @Override
    protected Multipliers backward(Multipliers out, PairActivations in, PairActivations output,
                                   NodeContext context) {
        if (out.isSymmetric()) {
            return Multipliers.symmetric(op.transpose(out.plus(), in.input()));
        }
        LinearOp.SignSplit s = op.split();
        INDArray plus = s.plus().transpose(out.plus(), in.input());
        INDArray minus = s.plus().transpose(out.minus(), in.input());
        if (s.minus() != null) {
            plus.addi(s.minus().transpose(out.minus(), in.input()));
            minus.addi(s.minus().transpose(out.plus(), in.input()));
        }
        Multipliers m = Multipliers.of(plus, minus);
        return carriesSplit ? m : Multipliers.symmetric(m.collapse(in.delta()));
    }

    @Override
    public String toString() {
        return op.toString();
    }
}
