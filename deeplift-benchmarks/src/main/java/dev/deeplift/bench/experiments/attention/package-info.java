/**
 * Which attribution method finds a planted interaction of tokens in a small attention model.
 *
 * <ul>
 *   <li>{@link dev.deeplift.bench.experiments.attention.PlantedTokenTask}: sequences labelled by whether two planted
 *       tokens both occur (each one to three times).</li>
 *   <li>{@link dev.deeplift.bench.experiments.attention.AttentionClassifier}: the model (embedding, self-attention,
 *       residual, max pooling, dense, softmax), trained here.</li>
 *   <li>{@link dev.deeplift.bench.experiments.attention.PlantedTokenExperiment},
 *       {@link dev.deeplift.bench.experiments.attention.TopTokens}: the methods and the top-k measurement.</li>
 *   <li>{@link dev.deeplift.bench.experiments.attention.PlantedTokens}: the runnable main, writing the table and
 *       {@link dev.deeplift.bench.experiments.attention.PlantedTokenFigure}'s picture (see docs/attention.md).</li>
 * </ul>
 */
package dev.deeplift.bench.experiments.attention;
