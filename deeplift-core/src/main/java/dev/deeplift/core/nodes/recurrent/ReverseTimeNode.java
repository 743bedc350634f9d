package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reverses {@code [N, C, T]} sequences along time as DL4J's {@code ReverseTimeSeriesVertex} does: the whole axis
 * without a mask; with a mask (optional second input) each example's unmasked steps are reversed among the unmasked
 * positions and masked positions are 0. A permutation per example: linear, multipliers go back through it and a
 * RevealCancel split passes through.
 *
 * <p>DL4J 1.0.0-M2.1 writes values read past the end of the sequence into position {@code T−1} when an example is
 * padded at both ends; such masks are refused with {@code bothEndsMessage}.
 */
public final class ReverseTimeNode implements RuleNode {
    private final String bothEndsMessage;

    /** @param bothEndsMessage the error for a mask padded at both ends of an example, naming the vertex */
    public ReverseTimeNode(String bothEndsMessage) {
        this.bothEndsMessage = bothEndsMessage;
    }

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
        INDArray p = permutation(inputs, x.input());
        INDArray ref = x.reference().size(0) == 1 && p.size(0) > 1 ? x.broadcastReference() : x.reference();
        if (!context.needsSplit()) {
            return PairActivations.of(apply(x.input(), p, false), apply(ref, p, false));
        }
        return PairActivations.withSplit(apply(x.input(), p, false), apply(ref, p, false),
                apply(x.deltaPlus(), p, false), apply(x.deltaMinus(), p, false));
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        INDArray p = permutation(inputs, inputs.get(0).input());
        List<Multipliers> result = new ArrayList<>();
        result.add(out.isSymmetric() ? Multipliers.symmetric(apply(out.plus(), p, true))
                : Multipliers.of(apply(out.plus(), p, true), apply(out.minus(), p, true)));
        if (inputs.size() > 1) {
            result.add(null);
        }
        return result;
    }

    /** {@code [n or 1, T, T]}: entry {@code (s, t)} is 1 where step {@code s} goes to position {@code t}. */
    private INDArray permutation(List<PairActivations> inputs, INDArray x) {
        int steps = (int) x.size(2);
        INDArray mask = inputs.size() > 1 ? inputs.get(1).input() : null;
        if (mask == null || mask.minNumber().doubleValue() == 1.0) {
            INDArray p = Nd4j.zeros(x.dataType(), 1, steps, steps);
            for (int s = 0; s < steps; s++) {
                p.putScalar(0, s, steps - 1 - s, 1.0);
            }
            return p;
        }
        double[][] m = mask.toDoubleMatrix();
        INDArray p = Nd4j.zeros(x.dataType(), m.length, steps, steps);
        for (int i = 0; i < m.length; i++) {
            int[] present = new int[steps];
            int k = 0;
            for (int t = 0; t < steps; t++) {
                if (m[i][t] != 0.0) {
                    present[k++] = t;
                }
            }
            if (m[i][0] == 0.0 && m[i][steps - 1] == 0.0) {
                throw new UnsupportedLayerException(bothEndsMessage + " (example " + i + ")");
            }
            for (int j = 0; j < k; j++) {
                p.putScalar(i, present[j], present[k - 1 - j], 1.0);
            }
        }
        return p;
    }

    /** {@code a·P} per example (or {@code a·Pᵀ} to go back). */
    private static INDArray apply(INDArray a, INDArray p, boolean transpose) {
        INDArray perm = transpose ? p.permute(0, 2, 1).dup('c') : p;
        if (perm.size(0) == 1 && a.size(0) > 1) {
            long n = a.size(0);
            INDArray flat = a.dup('c').reshape(n * a.size(1), a.size(2)).mmul(perm.reshape(a.size(2), a.size(2)));
            return flat.reshape(a.shape());
        }
        return Nd4j.matmul(a.dup('c'), perm);
    }

    @Override
    public String toString() {
        return "reverseTime";
    }
}
