package dev.deeplift.dl4j;

import dev.deeplift.core.Rule;
import dev.deeplift.core.methods.IntegratedGradients;
import java.util.Objects;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The attribution methods to compare DeepLIFT with, one static factory each, for a {@link MultiLayerNetwork} or a
 * {@link ComputationGraph} alike, all returning {@link dev.deeplift.core.Attribution}s of the same form: scores and multipliers in the input's
 * shape, deltas {@code target(x) − target(x_ref)} at the target's logit (before the output activation), and the
 * summation-to-delta error of every example.
 *
 * <pre>{@code
 * Attribution g  = Methods.gradient(net).explain(x, reference, targets);
 * Attribution ig = Methods.integratedGradients(net, 50).explain(x, reference, targets);
 * Attribution dl = Methods.deepLift(net, Rule.RESCALE).explain(x, reference, targets);
 * }</pre>
 *
 * <p>Each factory converts the network once (checking every layer); the explainers it returns are immutable,
 * read the network's parameters at each call and never change the network.
 */
public final class Methods {
    private Methods() {
    }

    /**
     * The plain gradient of the target logit: multipliers {@code ∂target/∂x} at the input (ReLU with
     * {@code relu'(0) = 0}, max-pooling routing to the arg-max), scores {@code gradient × (x − x_ref)}. The scores
     * sum to the delta only where the network is linear between reference and input.
     */
    public static DeepLift gradient(MultiLayerNetwork net) {
        return DeepLift.of(net).withRule(Rule.GRADIENT);
    }

    /**
     * Gradient × input: the same explainer as {@link #gradient}. With an all-zero reference (as in
     * {@code explain(x, target)}) the scores are {@code gradient × x}, the method's usual definition; with another
     * reference they are {@code gradient × (x − x_ref)}.
     */
    public static DeepLift gradientTimesInput(MultiLayerNetwork net) {
        return gradient(net);
    }

    /**
     * Integrated gradients by the midpoint rule over {@code steps} points on the path from reference to input,
     * on {@link #gradient} of the network. Points are evaluated {@value IntegratedGradients#DEFAULT_BATCH_SIZE}
     * rows at a time; {@link IntegratedGradients#withBatchSize} changes that.
     *
     * @param steps number of points, at least 1 (50 is common)
     */
    public static IntegratedGradients integratedGradients(MultiLayerNetwork net, int steps) {
        return IntegratedGradients.of(gradient(net), steps);
    }

    /**
     * Guided backpropagation: the gradient with negative multipliers stopped at every nonlinearity; scores are
     * guided gradient × (x − x_ref) and are not expected to sum to delta.
     */
    public static DeepLift guidedBackprop(MultiLayerNetwork net) {
        return DeepLift.of(net).withGuidedBackprop();
    }

    /** DeepLIFT with one rule for every nonlinearity, e.g. {@link Rule#RESCALE} or {@link Rule#REVEAL_CANCEL}. */
    public static DeepLift deepLift(MultiLayerNetwork net, Rule rule) {
        return DeepLift.of(net).withRule(Objects.requireNonNull(rule, "rule"));
    }

    /** {@link #gradient(MultiLayerNetwork)} for a computation graph. */
    public static DeepLift gradient(ComputationGraph graph) {
        return DeepLift.of(graph).withRule(Rule.GRADIENT);
    }

    /** {@link #gradientTimesInput(MultiLayerNetwork)} for a computation graph. */
    public static DeepLift gradientTimesInput(ComputationGraph graph) {
        return gradient(graph);
    }

    /** {@link #integratedGradients(MultiLayerNetwork, int)} for a computation graph (one input). */
    public static IntegratedGradients integratedGradients(ComputationGraph graph, int steps) {
        return IntegratedGradients.of(gradient(graph), steps);
    }

    /** {@link #guidedBackprop(MultiLayerNetwork)} for a computation graph. */
    public static DeepLift guidedBackprop(ComputationGraph graph) {
        return DeepLift.of(graph).withGuidedBackprop();
    }

    /** {@link #deepLift(MultiLayerNetwork, Rule)} for a computation graph. */
    public static DeepLift deepLift(ComputationGraph graph, Rule rule) {
        return DeepLift.of(graph).withRule(Objects.requireNonNull(rule, "rule"));
    }
}
