package dev.deeplift.core.engine;

import dev.deeplift.core.LayerChecks;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.kernels.PairSums;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Records, while the backward pass runs, how well each node conserves contributions: what reached its output,
 * {@code Σ m_out·Δy}, against what it sent to its inputs, {@code Σ_k Σ m_k·Δx_k}, per example. Positive and negative
 * parts count with their own multipliers, so the sums are exactly those the rules are built to keep equal.
 *
 * <p>Where a node feeds one consumer, what the consumer sent back to it is the very multiplier that reaches the
 * node's output, so each such sum is computed once and used twice (kept until its second use, then dropped). A sum
 * is one {@link PairSums} sweep where it applies (FLOAT, one multiplier for both signs), else ND4J ops; the
 * per-example arithmetic on the sums is Java's, on {@code [N]} values that an ND4J op each would cost more than.
 */
final class ConservationRecorder {
    private final NodeGraph graph;
    private final Map<String, double[]> errors = new LinkedHashMap<>();
    private final Map<String, double[]> scales = new LinkedHashMap<>();
    private final Map<Multipliers, Contribution> pending = new IdentityHashMap<>();
    /**
     * Sums by the memory a sweep reads ({@link PairSums#key}): a reshape node's two pairs are one sweep, and a fused
     * kernel leaves here the sums of the pairs it touched, so that they are not swept again.
     */
    private final Map<PairSums.Key, double[][]> swept = new HashMap<>();
    private DataType dataType = DataType.DOUBLE;

    /** {@code Σ m·Δ} and {@code Σ |m·Δ|} per example, for multipliers on one node's activations. */
    private record Contribution(PairActivations at, double[] sum, double[] magnitude) {
    }

    ConservationRecorder(NodeGraph graph) {
        this.graph = graph;
    }

    /** Records node {@code index}, given the multipliers on its output and those it sent back to its inputs. */
    void record(int index, Multipliers out, PairActivations output, List<Multipliers> back,
                List<PairActivations> inputs) {
        dataType = out.plus().dataType();
        Contribution reached = contribution(out, output);
        double[] error = reached.sum().clone();
        for (int k = 0; k < back.size(); k++) {
            if (back.get(k) != null) {
                double[] sent = contribution(back.get(k), inputs.get(k)).sum();
                for (int i = 0; i < error.length; i++) {
                    error[i] -= sent[i];
                }
            }
        }
        for (int i = 0; i < error.length; i++) {
            error[i] = Math.abs(error[i]);
        }
        String name = graph.entry(index).name();
        errors.put(name, error);
        scales.put(name, reached.magnitude());
    }

    /** Opens, on this thread, the scope in which fused kernels leave their sums for this recorder. */
    PairSums.Scope collecting() {
        return PairSums.collectInto(swept);
    }

    /** The report of every recorded node. */
    LayerChecks report() {
        return LayerChecks.of(errors, scales, dataType);
    }

    private Contribution contribution(Multipliers m, PairActivations a) {
        Contribution known = pending.remove(m);
        if (known != null && known.at() == a) {
            return known;
        }
        PairSums.Key key = m.isSymmetric() ? PairSums.key(m.plus(), a) : null;
        double[][] sums = key == null ? null : swept.get(key);
        if (sums == null && m.isSymmetric()) {
            sums = PairSums.of(m.plus(), a);
            if (sums != null && key != null) {
                swept.put(key, sums);
            }
        }
        Contribution c;
        if (sums != null) {
            c = new Contribution(a, sums[0], sums[1]);
        } else {
            INDArray each = m.isSymmetric() ? m.plus().mul(a.delta())
                    : m.plus().mul(a.deltaPlus()).addi(m.minus().mul(a.deltaMinus()));
            INDArray rows = each.reshape(each.size(0), -1);
            c = new Contribution(a, rows.sum(1).toDoubleVector(), rows.norm1(1).toDoubleVector());
        }
        pending.put(m, c);
        return c;
    }
}
