package dev.deeplift.core.engine;

import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.rules.GuidedBackpropRule;
import dev.deeplift.core.rules.NonlinearRule;
import java.util.Objects;

/**
 * Everything a {@link GraphExplainer} is configured with; immutable, each {@code withX} returns a checked copy.
 *
 * @param policy            the rule of each nonlinearity
 * @param maxPoolMode       how max-pooling credits its inputs
 * @param gradientVariant   another strategy at every nonlinearity (guided backpropagation), or null for the policy
 * @param chunkSize         examples per internal chunk, or 0 to choose them from the activation sizes
 * @param softmaxNormalized true to explain {@code logit_t − mean_k logit_k} instead of {@code logit_t}
 * @param layerChecks       true to report every node's conservation error ({@link dev.deeplift.core.LayerChecks})
 */
public record Settings(RulePolicy policy, MaxPoolMode maxPoolMode, NonlinearRule gradientVariant, int chunkSize,
                       boolean softmaxNormalized, boolean layerChecks) {
    /**
     * Unless a chunk size is set, a chunk holds as many examples as keep the network's largest activation (input
     * side) within this many bytes: elementwise passes over arrays that stay in the CPU's caches run faster
     * (measured on the Conv1D benchmark at batch 256: chunks of 128 examples, 32 MB, took 0.76 s where one chunk
     * of 256 took 1.08 s), and memory stays bounded whatever the batch.
     */
    public static final long CHUNK_ACTIVATION_BYTES = 32L << 20;

    /**
     * The same bound where a node keeps per-step state for its backward pass (a recurrent layer): such a node runs
     * tens of small ops per time step whatever the chunk's size, so every extra chunk costs T times that fixed work.
     * Measured on an LSTM of 128 units over 100 steps, batch 256: chunks of 20 examples (the bound above) took
     * 40–50 s, one chunk of 256 took 5.4 s on the same loaded machine. At 1000 steps this still keeps a chunk's
     * recurrent state near half a gigabyte.
     */
    public static final long SEQUENCE_CHUNK_BYTES = 512L << 20;

    /** The most examples per automatic chunk. */
    public static final int MAX_AUTOMATIC_CHUNK = 512;

    /** Rescale everywhere, cross-max pooling, automatic chunks, plain logits, no layer checks. */
    public static final Settings DEFAULT = new Settings(RulePolicy.uniform(Rule.RESCALE), MaxPoolMode.CROSS_MAX, null,
            0, false, false);

    /** Checks the parts. */
    public Settings {
        Objects.requireNonNull(policy, "rules");
        Objects.requireNonNull(maxPoolMode, "maxPoolMode");
        if (chunkSize < 0) {
            throw new IllegalArgumentException("chunk size must be at least 1, got " + chunkSize);
        }
    }

    /** A rule policy, leaving guided backpropagation. */
    public Settings withPolicy(RulePolicy p) {
        return new Settings(p, maxPoolMode, null, chunkSize, softmaxNormalized, layerChecks);
    }

    /** Another max-pooling rule. */
    public Settings withMaxPoolMode(MaxPoolMode mode) {
        return new Settings(policy, mode, gradientVariant, chunkSize, softmaxNormalized, layerChecks);
    }

    /** Guided backpropagation: gradients with negative multipliers stopped at every nonlinearity. */
    public Settings withGuidedBackprop() {
        return new Settings(RulePolicy.uniform(Rule.GRADIENT), MaxPoolMode.GRADIENT, GuidedBackpropRule.INSTANCE,
                chunkSize, softmaxNormalized, layerChecks);
    }

    /** Examples per chunk, at least 1. */
    public Settings withChunkSize(int examples) {
        Validator.positive(examples, "chunk size");
        return new Settings(policy, maxPoolMode, gradientVariant, examples, softmaxNormalized, layerChecks);
    }

    /** Softmax-normalized targets on or off. */
    public Settings withSoftmaxNormalization(boolean on) {
        return new Settings(policy, maxPoolMode, gradientVariant, chunkSize, on, layerChecks);
    }

    /** Per-node conservation report on or off. */
    public Settings withLayerChecks(boolean on) {
        return new Settings(policy, maxPoolMode, gradientVariant, chunkSize, softmaxNormalized, on);
    }

    /** The method's name for provenance: DeepLIFT, gradient, or guided backpropagation. */
    public String method() {
        if (gradientVariant != null) {
            return "guided backpropagation";
        }
        return policy.isPureGradient() ? "gradient" : "DeepLIFT";
    }

    /** True if the scores are expected to sum to the deltas (DeepLIFT, not plain or guided gradients). */
    public boolean expectsSummation() {
        return gradientVariant == null && !policy.isPureGradient();
    }
}
