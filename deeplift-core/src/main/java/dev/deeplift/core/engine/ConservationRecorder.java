package dev.deeplift.core.engine;

import dev.deeplift.core.LayerChecks;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.PairActivations;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Records, while the backward pass runs, how well each node conserves contributions: what reached its output,
 * {@code Σ m_out·Δy}, against what it sent to its inputs, {@code Σ_k Σ m_k·Δx_k}, per example. Positive and negative
 * parts count with their own multipliers, so the sums are exactly those the rules are built to keep equal.
 *
 * <p>Where a node feeds one consumer, what the consumer sent back to it is the very multiplier that reaches the
 * node's output, so each such sum is computed once and used twice (kept until its second use, then dropped).
 */
final class ConservationRecorder {
    private final NodeGraph graph;
    private final Map<String, INDArray> errors = new LinkedHashMap<>();
    private final Map<String, INDArray> scales = new LinkedHashMap<>();
    private final Map<Multipliers, Contribution> pending = new IdentityHashMap<>();

    /** {@code Σ m·Δ} and {@code Σ |m·Δ|} per example, for multipliers on one node's activations. */
    private record Contribution(PairActivations at, INDArray sum, INDArray magnitude) {
    }

    ConservationRecorder(NodeGraph graph) {
        this.graph = graph;
    }

    /** Records node {@code index}, given the multipliers on its output and those it sent back to its inputs. */
    void record(int index, Multipliers out, PairActivations output, List<Multipliers> back,
                List<PairActivations> inputs) {
        Contribution reached = contribution(out, output);
        INDArray sent = null;
        for (int k = 0; k < back.size(); k++) {
            if (back.get(k) == null) {
                continue;
            }
            INDArray c = contribution(back.get(k), inputs.get(k)).sum();
            sent = sent == null ? c : sent.add(c);
        }
        INDArray error = Transforms.abs(sent == null ? reached.sum() : reached.sum().sub(sent), sent == null);
        String name = graph.entry(index).name();
        errors.put(name, error);
        scales.put(name, reached.magnitude());
    }

    /** The report of every recorded node. */
    LayerChecks report() {
        return new LayerChecks(errors, scales);
    }

    private Contribution contribution(Multipliers m, PairActivations a) {
        Contribution known = pending.remove(m);
        if (known != null && known.at() == a) {
            return known;
        }
        INDArray each = m.isSymmetric() ? m.plus().mul(a.delta())
                : m.plus().mul(a.deltaPlus()).addi(m.minus().mul(a.deltaMinus()));
        INDArray rows = each.reshape(each.size(0), -1);
        Contribution c = new Contribution(a, rows.sum(1), rows.norm1(1));
        pending.put(m, c);
        return c;
    }
}
