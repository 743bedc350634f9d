package dev.deeplift.core.engine;

import dev.deeplift.core.LayerChecks;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeGraph;
import dev.deeplift.core.graph.PairActivations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Records, while the backward pass runs, how well each node conserves contributions: what reached its output,
 * {@code Σ m_out·Δy}, against what it sent to its inputs, {@code Σ_k Σ m_k·Δx_k}, per example. Positive and negative
 * parts count with their own multipliers, so the sums are exactly those the rules are built to keep equal.
 */
final class ConservationRecorder {
    private final NodeGraph graph;
    private final Map<String, INDArray> errors = new LinkedHashMap<>();
    private final Map<String, INDArray> scales = new LinkedHashMap<>();

    ConservationRecorder(NodeGraph graph) {
        this.graph = graph;
    }

    /** Records node {@code index}, given the multipliers on its output and those it sent back to its inputs. */
    void record(int index, Multipliers out, PairActivations output, List<Multipliers> back,
                List<PairActivations> inputs) {
        INDArray reached = contribution(out, output);
        INDArray sent = null;
        for (int k = 0; k < back.size(); k++) {
            if (back.get(k) == null) {
                continue;
            }
            INDArray c = contribution(back.get(k), inputs.get(k));
            sent = sent == null ? c : sent.addi(c);
        }
        INDArray error = sent == null ? Transforms.abs(reached, true) : Transforms.abs(reached.sub(sent), false);
        String name = graph.entry(index).name();
        errors.put(name, error);
        scales.put(name, perExample(Transforms.abs(out.collapseOn(output).mul(output.delta()), false))
                );
    }

    /** The report of every recorded node. */
    LayerChecks report() {
        return new LayerChecks(errors, scales);
    }

    private static INDArray contribution(Multipliers m, PairActivations a) {
        if (m.isSymmetric()) {
            return perExample(m.plus().mul(a.delta()));
        }
        return perExample(m.plus().mul(a.deltaPlus()).addi(m.minus().mul(a.deltaMinus())));
    }

    private static INDArray perExample(INDArray a) {
        return a.reshape(a.size(0), -1).sum(1);
    }
}
