package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.UnaryNode;
import dev.deeplift.core.ops.LinearOp;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

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
        INDArray[] both = op.applyPair(in.input(), in.reference());
        INDArray y = both[0];
        INDArray yRef = both[1];
        if (!context.needsSplit()) {
            return PairActivations.of(y, yRef);
        }
        // Σ of the positive terms w·Δx is ½(J·Δx + |J|·|Δx|); for a carried split |Δx| is Δx+ − Δx−.
        INDArray magnitude = carriesSplit ? in.deltaPlus().sub(in.deltaMinus()) : Transforms.abs(in.delta(), true);
        INDArray delta = y.sub(yRef);
        INDArray plus = op.absolute().applyLinear(magnitude).addi(delta).muli(0.5);
        INDArray minus = delta.subi(plus);
        return PairActivations.withSplit(y, yRef, plus, minus);
    }

    @Override
    protected Multipliers backward(Multipliers out, PairActivations in, PairActivations output,
                                   NodeContext context) {
        INDArray sum = op.transpose(out.isSymmetric() ? out.plus() : out.plus().add(out.minus()), in.input());
        if (out.isSymmetric()) {
            return Multipliers.symmetric(sum);
        }
        // J+ᵀm+ + J−ᵀm− = ½(Jᵀ(m+ + m−) + |J|ᵀ(m+ − m−)), and J−ᵀm+ + J+ᵀm− = ½(Jᵀ(m+ + m−) − |J|ᵀ(m+ − m−)).
        INDArray diff = op.absolute().transpose(out.plus().sub(out.minus()), in.input());
        INDArray plus = sum.add(diff).muli(0.5);
        INDArray minus = sum.subi(diff).muli(0.5);
        Multipliers m = Multipliers.of(plus, minus);
        return carriesSplit ? m : Multipliers.symmetric(m.collapseOn(in));
    }

    @Override
    public String toString() {
        return op.toString();
    }
}
