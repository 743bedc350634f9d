package dev.deeplift.core.graph;

import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.rules.NonlinearRule;

/**
 * What one node needs to know about the current explain call.
 *
 * @param rule           the rule of this node if it is a nonlinearity (from the {@link dev.deeplift.core.RulePolicy})
 * @param nonlinearRule  the strategy that carries out the rule (or a variant such as guided backpropagation)
 * @param maxPoolMode    how max-pooling credits its inputs
 * @param pureGradient   true if every multiplier must be a plain gradient (the policy is all {@link Rule#GRADIENT})
 * @param needsSplit     true if a consumer needs this node's explicit positive/negative delta split (RevealCancel)
 * @param epsilon        where {@code |Δz| ≤ epsilon·(|z| + |z_ref|)}, ratios {@code Δy/Δz} fall back to derivatives
 */
public record NodeContext(Rule rule, NonlinearRule nonlinearRule, MaxPoolMode maxPoolMode, boolean pureGradient, boolean needsSplit,
                          double epsilon) {
}
