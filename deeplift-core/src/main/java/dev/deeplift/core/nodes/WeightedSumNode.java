package dev.deeplift.core.nodes;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * {@code y = Σ c_k·x_k} over inputs of one shape (add, subtract, average): linear, so multipliers go back scaled
 * by {@code c_k}. A RevealCancel split passes through, swapping parts where {@code c_k < 0}.
 */
public final class WeightedSumNode implements RuleNode {
    private final double[] coefficients;

    /** @param coefficients one per input, in the graph's input order */
    public WeightedSumNode(double... coefficients) {
        this.coefficients = coefficients.clone();
    }

    /** {@code x_1 + ... + x_n}. */
    public static WeightedSumNode sum(int inputs) {
        double[] c = new double[inputs];
        Arrays.fill(c, 1.0);
        return new WeightedSumNode(c);
    }

    @Override
    public LayerKind kind() {
        return LayerKind.MERGE;
    }

    @Override
    public boolean carriesSplit() {
        return true;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        check(inputs.size());
        INDArray y = null;
        INDArray yRef = null;
        INDArray plus = null;
        INDArray minus = null;
        for (int k = 0; k < inputs.size(); k++) {
            PairActivations in = inputs.get(k);
            double c = coefficients[k];
            y = accumulate(y, in.input(), c);
            yRef = accumulate(yRef, in.reference(), c);
            if (context.needsSplit()) {
                plus = accumulate(plus, c >= 0 ? in.deltaPlus() : in.deltaMinus(), c);
                minus = accumulate(minus, c >= 0 ? in.deltaMinus() : in.deltaPlus(), c);
            }
        }
        return context.needsSplit() ? PairActivations.withSplit(y, yRef, plus, minus) : PairActivations.of(y, yRef);
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        List<Multipliers> result = new ArrayList<>(inputs.size());
        for (double c : coefficients) {
            if (out.isSymmetric()) {
                result.add(Multipliers.symmetric(out.plus().mul(c)));
            } else if (c >= 0) {
                result.add(Multipliers.of(out.plus().mul(c), out.minus().mul(c)));
            } else {
                // A negative coefficient turns the input's negative part into the output's positive part.
                result.add(Multipliers.of(out.minus().mul(c), out.plus().mul(c)));
            }
        }
        return result;
    }

    /** {@code acc + c·a} with broadcasting of a shared {@code [1, ...]} reference against {@code [N, ...]}. */
    private static INDArray accumulate(INDArray acc, INDArray a, double c) {
        INDArray term = c == 1.0 ? a : a.mul(c);
        if (acc == null) {
            return term == a ? a.dup() : term;
        }
        return acc.size(0) >= term.size(0) ? acc.addi(term) : term.add(acc);
    }

    private void check(int n) {
        if (n != coefficients.length) {
            throw new IllegalStateException(this + " takes " + coefficients.length + " inputs, got " + n);
        }
    }

    @Override
    public String toString() {
        return "weightedSum" + Arrays.toString(coefficients);
    }
}
