package dev.deeplift.core;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A per-node exactness report: for every node the backward pass crossed, per example, how far the contributions it
 * sent to its inputs miss the contribution that reached its output,
 * {@code |Σ m_out·Δy − Σ_k Σ m_k·Δx_k|} (with RevealCancel's positive and negative parts each with its own
 * multiplier). Every rule conserves contributions exactly, so each error is rounding; a node that does not is the one
 * that breaks summation-to-delta, and {@link #worst()} names it.
 *
 * <pre>{@code
 * Attribution a = explainer.withLayerChecks(true).explain(x, ref, 3);
 * LayerChecks checks = a.layerChecks().orElseThrow();
 * System.out.println(checks.worst());       // e.g. "L3:dense2/Dense[64→32]#4: 2.1e-07 (example 5)"
 * }</pre>
 */
public final class LayerChecks {
    private final Map<String, INDArray> errors;
    private final Map<String, INDArray> scales;

    /**
     * @param errors per node name, in backward order, {@code [N]} conservation errors
     * @param scales per node name, {@code [N]}: {@code Σ|m_out·Δy|}, the size of what crossed the node
     */
    public LayerChecks(Map<String, INDArray> errors, Map<String, INDArray> scales) {
        this.errors = new LinkedHashMap<>(errors);
        this.scales = new LinkedHashMap<>(scales);
    }

    /** The checked nodes, in the order the backward pass reached them (from the target down). */
    public List<String> nodes() {
        return List.copyOf(errors.keySet());
    }

    /** {@code [N]}: the conservation error of a node per example. */
    public INDArray errors(String node) {
        INDArray e = errors.get(node);
        if (e == null) {
            throw new IllegalArgumentException("No checked node \"" + node + "\"; checked: " + errors.keySet());
        }
        return e;
    }

    /** {@code [N]}: {@code Σ|m_out·Δy|} of a node per example, the scale its error is judged against. */
    public INDArray scales(String node) {
        INDArray s = scales.get(node);
        if (s == null) {
            throw new IllegalArgumentException("No checked node \"" + node + "\"; checked: " + scales.keySet());
        }
        return s;
    }

    /** The largest error of a node over the examples. */
    public double maxError(String node) {
        INDArray e = errors(node);
        return e.length() == 0 ? 0.0 : e.maxNumber().doubleValue();
    }

    /** The node with the largest error relative to its scale ({@code error / (1 + scale)}), or null if none. */
    public Worst worst() {
        Worst worst = null;
        for (Map.Entry<String, INDArray> e : errors.entrySet()) {
            INDArray relative = e.getValue().div(scales.get(e.getKey()).add(1.0));
            if (relative.length() == 0) {
                continue;
            }
            int example = relative.argMax().getInt(0);
            double r = relative.getDouble(example);
            if (worst == null || r > worst.relativeError()) {
                worst = new Worst(e.getKey(), e.getValue().getDouble(example), r, example);
            }
        }
        return worst;
    }

    /**
     * The node with the largest conservation error.
     *
     * @param node          its name
     * @param error         its error at that example
     * @param relativeError {@code error / (1 + scale)}
     * @param example       the example where it is largest
     */
    public record Worst(String node, double error, double relativeError, int example) {
        @Override
        public String toString() {
            return node + ": " + String.format("%.3g", error) + " (example " + example + ")";
        }
    }

    /** A copy whose arrays are detached from any workspace. */
    public LayerChecks detached() {
        Map<String, INDArray> e = new LinkedHashMap<>();
        Map<String, INDArray> s = new LinkedHashMap<>();
        errors.forEach((k, v) -> e.put(k, v.detach()));
        scales.forEach((k, v) -> s.put(k, v.detach()));
        return new LayerChecks(e, s);
    }

    /** The reports of consecutive chunks of one batch, joined along the batch axis. */
    public static LayerChecks concat(List<LayerChecks> parts) {
        Map<String, INDArray> e = new LinkedHashMap<>();
        Map<String, INDArray> s = new LinkedHashMap<>();
        for (String node : parts.get(0).errors.keySet()) {
            List<INDArray> es = new ArrayList<>();
            List<INDArray> ss = new ArrayList<>();
            for (LayerChecks p : parts) {
                es.add(p.errors.get(node));
                ss.add(p.scales.get(node));
            }
            e.put(node, Nd4j.concat(0, es.toArray(INDArray[]::new)));
            s.put(node, Nd4j.concat(0, ss.toArray(INDArray[]::new)));
        }
        return new LayerChecks(e, s);
    }

    @Override
    public String toString() {
        return "LayerChecks{" + errors.size() + " nodes, worst " + worst() + "}";
    }
}
