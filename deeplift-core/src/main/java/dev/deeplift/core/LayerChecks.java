package dev.deeplift.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
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
 *
 * <p>The values are kept as Java arrays (the report is a handful of numbers per node; ND4J arrays for each would cost
 * more than computing them); {@link #errors} and {@link #scales} hand them out as arrays of the network's data type.
 */
public final class LayerChecks {
    private final Map<String, double[]> errors;
    private final Map<String, double[]> scales;
    private final DataType dataType;

    /**
     * @param errors per node name, in backward order, {@code [N]} conservation errors
     * @param scales per node name, {@code [N]}: {@code Σ|m_out·Δy|}, the size of what crossed the node
     */
    public LayerChecks(Map<String, INDArray> errors, Map<String, INDArray> scales) {
        this(values(errors), values(scales), errors.isEmpty() ? DataType.DOUBLE
                : errors.values().iterator().next().dataType());
    }

    private LayerChecks(Map<String, double[]> errors, Map<String, double[]> scales, DataType dataType) {
        if (!errors.keySet().equals(scales.keySet())) {
            throw new IllegalArgumentException("Errors for " + errors.keySet() + " but scales for " + scales.keySet());
        }
        this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
        this.scales = Collections.unmodifiableMap(new LinkedHashMap<>(scales));
        this.dataType = dataType;
    }

    /**
     * A report from values computed in Java (the engine's way).
     *
     * @param errors   per node name, in backward order, the conservation error per example
     * @param scales   per node name, {@code Σ|m_out·Δy|} per example
     * @param dataType the data type {@link #errors} and {@link #scales} hand the values out in
     */
    public static LayerChecks of(Map<String, double[]> errors, Map<String, double[]> scales, DataType dataType) {
        return new LayerChecks(errors, scales, dataType);
    }

    private static Map<String, double[]> values(Map<String, INDArray> arrays) {
        Map<String, double[]> v = new LinkedHashMap<>();
        arrays.forEach((k, a) -> v.put(k, a.toDoubleVector()));
        return v;
    }

    /** The checked nodes, in the order the backward pass reached them (from the target down). */
    public List<String> nodes() {
        return List.copyOf(errors.keySet());
    }

    /** {@code [N]}: the conservation error of a node per example. */
    public INDArray errors(String node) {
        return array(values(errors, node));
    }

    /** {@code [N]}: {@code Σ|m_out·Δy|} of a node per example, the scale its error is judged against. */
    public INDArray scales(String node) {
        return array(values(scales, node));
    }

    private double[] values(Map<String, double[]> map, String node) {
        double[] v = map.get(node);
        if (v == null) {
            throw new IllegalArgumentException("No checked node \"" + node + "\"; checked: " + errors.keySet());
        }
        return v;
    }

    /** A new array outside any workspace, so that it outlives whatever scope the caller is in. */
    private INDArray array(double[] v) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.createFromArray(v).castTo(dataType);
        }
    }

    /** The largest error of a node over the examples. */
    public double maxError(String node) {
        double max = 0.0;
        for (double e : values(errors, node)) {
            max = Math.max(max, rounded(e));
        }
        return max;
    }

    /** The node with the largest error relative to its scale ({@code error / (1 + scale)}), or null if none. */
    public Worst worst() {
        Worst worst = null;
        for (Map.Entry<String, double[]> e : errors.entrySet()) {
            double[] error = e.getValue();
            double[] scale = scales.get(e.getKey());
            for (int i = 0; i < error.length; i++) {
                double r = rounded(rounded(error[i]) / (1.0 + rounded(scale[i])));
                if (worst == null || r > worst.relativeError()) {
                    worst = new Worst(e.getKey(), rounded(error[i]), r, i);
                }
            }
        }
        return worst;
    }

    /** A value as the report's data type holds it (what {@link #errors} would show). */
    private double rounded(double v) {
        return dataType == DataType.DOUBLE ? v : (float) v;
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

    /** This report: its values live on the Java heap, never in a workspace. */
    public LayerChecks detached() {
        return this;
    }

    /** The reports of consecutive chunks of one batch, joined along the batch axis. */
    public static LayerChecks concat(List<LayerChecks> parts) {
        Map<String, double[]> e = new LinkedHashMap<>();
        Map<String, double[]> s = new LinkedHashMap<>();
        for (String node : parts.get(0).errors.keySet()) {
            e.put(node, joined(parts, p -> p.values(p.errors, node)));
            s.put(node, joined(parts, p -> p.values(p.scales, node)));
        }
        return new LayerChecks(e, s, parts.get(0).dataType);
    }

    private static double[] joined(List<LayerChecks> parts, Function<LayerChecks, double[]> part) {
        int length = parts.stream().mapToInt(p -> part.apply(p).length).sum();
        double[] all = new double[length];
        int at = 0;
        for (LayerChecks p : parts) {
            double[] v = part.apply(p);
            System.arraycopy(v, 0, all, at, v.length);
            at += v.length;
        }
        return all;
    }

    @Override
    public String toString() {
        return "LayerChecks{" + errors.size() + " nodes, worst " + worst() + "}";
    }
}
