package dev.deeplift.core.graph;

import dev.deeplift.core.LayerKind;
import java.util.List;

/**
 * One step of a DeepLIFT graph: a forward step over (input, reference) activations and a backward step over
 * multipliers.
 *
 * <p>The backward step must conserve contributions: for its output multipliers {@code (m+, m−)} and its output
 * split {@code (Δ+, Δ−)}, {@code Σ m+·Δ+ + m−·Δ−} equals the same sum over its inputs. That is what makes
 * summation-to-delta hold for the whole graph.
 */
public interface RuleNode {

    /** The node's kind, used by {@link dev.deeplift.core.RulePolicy} to choose rules. */
    LayerKind kind();

    /**
     * True if the node maps the positive and negative parts of its input separately (sign-preserving linear maps such
     * as pooling, padding, reshapes, affine batch-normalization), so a RevealCancel split passes through it.
     */
    default boolean carriesSplit() {
        return false;
    }

    /**
     * True if the node's first input is a token input ({@link InputNode#tokens}), as an embedding lookup's is: only
     * such nodes may read token inputs, whose delta is an indicator rather than a difference.
     */
    default boolean readsTokens() {
        return false;
    }

    /**
     * True if each side of its output (input, reference) is computed from the same side of its inputs alone, so that
     * reference activations may be computed apart from the input's and reused. False for a node that couples the two
     * sides, such as softmax's exponential shifted by the largest score of both.
     */
    default boolean sidesIndependent() {
        return true;
    }

    /**
     * The kind of layer that feeds the elementwise nonlinearities inside this node (a recurrent layer's gates and
     * cell activations), whose rule the {@link dev.deeplift.core.RulePolicy} chooses by this kind and by the node's
     * layer name; null for nodes without nonlinearities of their own.
     */
    default LayerKind internalNonlinearityKind() {
        return null;
    }

    /** Activations of this node from those of its inputs, in the order the graph lists the inputs. */
    PairActivations forward(List<PairActivations> inputs, NodeContext context);

    /**
     * Multipliers on each input from multipliers on this node's output.
     *
     * @param output the activations {@link #forward} returned
     */
    List<Multipliers> backward(Multipliers outputMultipliers, List<PairActivations> inputs, PairActivations output,
                               NodeContext context);
}
