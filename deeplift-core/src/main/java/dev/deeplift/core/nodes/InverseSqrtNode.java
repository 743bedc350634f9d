package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.UnaryNode;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * {@code y = 1/√v} of a variance {@code v}, where the node's {@link dev.deeplift.core.Rule} applies: the scale of
 * layer normalization, {@code (u − mean u)/√var(u)}. Its input's delta is split by its own sign, so RevealCancel's
 * intermediate points {@code v₀ + Δv±} stay between the two variances (the sum of a variance's negative terms could
 * take it below zero, where {@code 1/√v} is undefined); under RevealCancel it then gives what Rescale gives.
 *
 * <p>A zero variance at the input or the reference (a row whose values are all equal, such as {@code x·W} of an
 * all-zero reference) is refused: DL4J's layer norm outputs {@code 0/0 := 0} there, and no difference-based rule
 * crosses a point where the normalization is not defined.
 */
public final class InverseSqrtNode extends UnaryNode {
    private static final ElementwiseFunction INVERSE_SQRT = new ElementwiseFunction() {
        @Override
        public String name() {
            return "inverseSqrt";
        }

        @Override
        public INDArray apply(INDArray z) {
            return Transforms.sqrt(z, true).rdivi(1.0);
        }

        @Override
        public INDArray derivative(INDArray z) {
            return Transforms.pow(z, -1.5, true).muli(-0.5);
        }
    };
    private final String where;

    /** @param where the layer, for the zero-variance message */
    public InverseSqrtNode(String where) {
        this.where = where;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.NONLINEARITY;
    }

    @Override
    protected PairActivations forward(PairActivations in, NodeContext context) {
        check(in.input(), "input");
        check(in.reference(), "reference");
        return PairActivations.of(INVERSE_SQRT.apply(in.input()), INVERSE_SQRT.apply(in.reference()));
    }

    private void check(INDArray v, String side) {
        if (v.minNumber().doubleValue() <= 0.0) {
            throw new IllegalArgumentException("The " + side + " makes the pre-normalization values of a row of "
                    + where + " all equal (zero variance), where DL4J's layer norm is 0/0 (it outputs the bias alone);"
                    + " no exact rule crosses that point: use a " + side + " whose x·W rows are not constant"
                    + (side.equals("reference") ? " (an all-zero reference makes them 0)" : ""));
        }
    }

    @Override
    protected Multipliers backward(Multipliers out, PairActivations in, PairActivations output,
                                   NodeContext context) {
        INDArray m = out.collapseOn(output);
        PairActivations ownSign = PairActivations.of(in.input(), in.reference());
        Multipliers back = context.nonlinearRule().backward(INVERSE_SQRT, ownSign, output, m, context.epsilon());
        // The parts were of the own-sign split: one multiplier per element, whatever split the input carries.
        return Multipliers.symmetric(back.collapseOn(in));
    }

    @Override
    public String toString() {
        return "inverseSqrt";
    }
}
