package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's {@code DuplicateToTimeSeriesVertex}: {@code [N, C]} copied to every step of {@code [N, C, T]}, where
 * {@code T} is the size of axis 2 of the second input (a sequence, which takes no multipliers: only its length is
 * read). Linear; multipliers of the copies add up, and a RevealCancel split passes through.
 */
public final class DuplicateTimeNode implements RuleNode {

    @Override
    public LayerKind kind() {
        return LayerKind.RESHAPE;
    }

    @Override
    public boolean carriesSplit() {
        return true;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        PairActivations x = inputs.get(0);
        long steps = inputs.get(1).input().size(2);
        if (!context.needsSplit()) {
            return PairActivations.of(repeat(x.input(), steps), repeat(x.reference(), steps));
        }
        return PairActivations.withSplit(repeat(x.input(), steps), repeat(x.reference(), steps),
                repeat(x.deltaPlus(), steps), repeat(x.deltaMinus(), steps));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        Multipliers m = out.isSymmetric() ? Multipliers.symmetric(out.plus().sum(2))
                : Multipliers.of(out.plus().sum(2), out.minus().sum(2));
        return Arrays.asList(m, null);
    }

    private static INDArray repeat(INDArray a, long steps) {
        return Nd4j.zeros(a.dataType(), a.size(0), a.size(1), steps).addi(a.reshape(a.size(0), a.size(1), 1));
    }

    @Override
    public String toString() {
        return "duplicateToTime";
    }
}
