package dev.deeplift.core.engine;

import java.util.List;

/**
 * A model's own check of the example shapes it is given, beyond the per-input ranks and fixed sizes of its
 * {@link dev.deeplift.core.graph.InputNode}s: sizes that only the layers further in fix (a dense layer after a
 * flattened convolution fixes the image size). Run before any work.
 */
@FunctionalInterface
public interface ShapeCheck {
    /** Accepts every shape its input nodes accept. */
    ShapeCheck NONE = shapes -> null;

    /**
     * What is wrong with these example shapes, or null if the model takes them.
     *
     * @param exampleShapes one shape per model input, without the batch axis
     */
    String problem(List<long[]> exampleShapes);
}
