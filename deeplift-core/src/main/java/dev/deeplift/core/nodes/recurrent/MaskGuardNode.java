package dev.deeplift.core.nodes.recurrent;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.graph.RuleNode;
import java.util.Arrays;
import java.util.List;

/**
 * Passes its first input through unchanged, and refuses a feature mask (second input) with padding: placed before a
 * layer whose handling of masks is not explained (or is broken in DL4J), it lets the layer be explained without a
 * mask (or with one that masks nothing, which DL4J computes as no mask) and fails with {@code message} otherwise.
 */
public final class MaskGuardNode implements RuleNode {
    private final String message;

    /** @param message why a mask with padding cannot be explained here, naming the layer */
    public MaskGuardNode(String message) {
        this.message = message;
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
        if (inputs.get(1).input().minNumber().doubleValue() < 1.0) {
            throw new UnsupportedLayerException(message);
        }
        return inputs.get(0);
    }

    @Override
    public List<Multipliers> backward(Multipliers out, List<PairActivations> inputs, PairActivations output,
                                      NodeContext context) {
        return Arrays.asList(out, null);
    }

    @Override
    public String toString() {
        return "noPadding";
    }
}
