package dev.deeplift.core.graph;

import dev.deeplift.core.LayerKind;
import java.util.Arrays;
import java.util.List;

/**
 * A graph input, with the shape its examples must have: {@code featureShape} excludes the batch dimension and
 * holds {@code -1} where any size is accepted.
 */
public final class InputNode implements RuleNode {
    private final long[] featureShape;

    /** @param featureShape the shape of one example, {@code -1} for a free size, e.g. {@code {784}} or {@code {1, -1, -1}} */
    public InputNode(long... featureShape) {
        this.featureShape = featureShape == null ? null : featureShape.clone();
    }

    /** An input whose shape is not known from the configuration: any array of rank 2 or more. */
    public static InputNode any() {
        return new InputNode((long[]) null);
    }

    /** The shape of one example, {@code -1} where free, or null if unknown. */
    public long[] featureShape() {
        return featureShape == null ? null : featureShape.clone();
    }

    /** True if an {@code [N, ...]} array has the rank and the fixed sizes this input expects. */
    public boolean accepts(long[] batchShape) {
        if (featureShape == null) {
            return batchShape.length >= 2;
        }
        if (batchShape.length != featureShape.length + 1) {
            return false;
        }
        for (int i = 0; i < featureShape.length; i++) {
            if (featureShape[i] >= 0 && featureShape[i] != batchShape[i + 1]) {
                return false;
            }
        }
        return true;
    }

    /** The expected shape as text, e.g. {@code [N, 784]}. */
    public String describeShape() {
        if (featureShape == null) {
            return "[N, ...]";
        }
        StringBuilder sb = new StringBuilder("[N");
        for (long d : featureShape) {
            sb.append(", ").append(d < 0 ? "*" : Long.toString(d));
        }
        return sb.append(']').toString();
    }

    @Override
    public LayerKind kind() {
        return LayerKind.INPUT;
    }

    @Override
    public PairActivations forward(List<PairActivations> inputs, NodeContext context) {
        throw new IllegalStateException("Graph inputs are set, not computed");
    }

    @Override
    public List<Multipliers> backward(Multipliers outputMultipliers, List<PairActivations> inputs,
                                      PairActivations output, NodeContext context) {
        return List.of();
    }

    @Override
    public String toString() {
        return "Input" + (featureShape == null ? "[...]" : Arrays.toString(featureShape));
    }
}
