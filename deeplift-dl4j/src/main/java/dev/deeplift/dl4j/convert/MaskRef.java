package dev.deeplift.dl4j.convert;

import dev.deeplift.core.nodes.MaskCombineNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The {@code [N, T]} feature mask of some activations while a network is converted: the mask of a network input, a
 * node that carries one, or a combination of masks as DL4J makes them. Nothing is added to the node graph until a
 * node reads the mask ({@link ConversionContext#mask()}), so a network that never applies a mask gets no mask input.
 * A null {@code MaskRef} stands for unmasked activations.
 */
public final class MaskRef {
    private final int featureInput;
    private final int timeAxis;
    private final String node;
    private final MaskCombineNode.Mode mode;
    private final List<MaskRef> parts;

    private MaskRef(int featureInput, int timeAxis, String node, MaskCombineNode.Mode mode, List<MaskRef> parts) {
        this.featureInput = featureInput;
        this.timeAxis = timeAxis;
        this.node = node;
        this.mode = mode;
        this.parts = parts;
    }

    /** The mask of network input {@code featureInput}, whose time axis (counting the batch axis) is given. */
    public static MaskRef ofInput(int featureInput, int timeAxis) {
        return new MaskRef(featureInput, timeAxis, null, null, List.of());
    }

    /** A mask that a node of the graph already carries. */
    public static MaskRef ofNode(String node) {
        return new MaskRef(-1, -1, Objects.requireNonNull(node, "node"), null, List.of());
    }

    /**
     * The mask of an {@code ElementWiseVertex} or {@code MergeVertex} over inputs with these masks: none if any
     * input is unmasked, the mask itself if all share one, else their logical OR.
     */
    public static MaskRef or(List<MaskRef> masks) {
        if (masks.isEmpty() || masks.contains(null)) {
            return null;
        }
        Set<MaskRef> distinct = new LinkedHashSet<>(masks);
        return distinct.size() == 1 ? masks.get(0)
                : new MaskRef(-1, -1, null, MaskCombineNode.Mode.OR, List.copyOf(distinct));
    }

    /** The elementwise minimum of two masks, where an unmasked side (null) counts as all ones. */
    public static MaskRef min(MaskRef a, MaskRef b) {
        if (a == null || b == null || a.equals(b)) {
            return a == null ? b : a;
        }
        return new MaskRef(-1, -1, null, MaskCombineNode.Mode.MIN, List.of(a, b));
    }

    /** The node carrying this mask, added (with the mask inputs it reads) on first use in this conversion. */
    String node(ConversionContext ctx) {
        String known = ctx.maskNodes().get(this);
        if (known != null) {
            return known;
        }
        String added;
        if (node != null) {
            added = node;
        } else if (mode == null) {
            added = ctx.maskInput(featureInput, timeAxis);
        } else {
            List<String> in = new ArrayList<>();
            parts.forEach(p -> in.add(p.node(ctx)));
            added = ctx.addBeside("mask" + mode, new MaskCombineNode(mode), in.toArray(String[]::new));
        }
        ctx.maskNodes().put(this, added);
        return added;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MaskRef m && m.featureInput == featureInput && m.timeAxis == timeAxis
                && Objects.equals(m.node, node) && m.mode == mode && m.parts.equals(parts);
    }

    @Override
    public int hashCode() {
        return Objects.hash(featureInput, timeAxis, node, mode, parts);
    }

    @Override
    public String toString() {
        return node != null ? node : mode == null ? "mask of input " + featureInput : mode + " " + parts;
    }
}
