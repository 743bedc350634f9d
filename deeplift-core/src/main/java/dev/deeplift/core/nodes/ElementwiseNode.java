package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.functions.ElementwiseFunction;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.UnaryNode;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * An elementwise nonlinearity {@code y = f(z)}, where the node's {@link Rule} applies. Its output delta is split by
 * its own sign, so the multiplier arriving on its output is one per element.
 */
public final class ElementwiseNode extends UnaryNode {
    private final ElementwiseFunction function;

    /** @param function the nonlinearity */
    public ElementwiseNode(ElementwiseFunction function) {
        this.function = function;
    }

    /** The nonlinearity. */
    public ElementwiseFunction function() {
        return function;
    }

    @Override
    public LayerKind kind() {
        return LayerKind.NONLINEARITY;
    }

    @Override
    protected PairActivations forward(PairActivations in, NodeContext context) {
        return PairActivations.of(function.apply(in.input()), function.apply(in.reference()));
    }

    @Override
    protected Multipliers backward(Multipliers out, PairActivations in, PairActivations output,
                                   NodeContext context) {
        INDArray m = out.collapseOn(output);
        return context.nonlinearRule().backward(function, in, output, m, context.epsilon());
    }

    @Override
    public String toString() {
        return function.name();
    }
}
