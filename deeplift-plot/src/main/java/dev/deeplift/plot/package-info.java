/**
 * Pictures of attributions, in pure Java ({@code java.awt}, {@code javax.imageio}; no display needed): image
 * heatmaps, grids of them with titles, and sequence logos for one-hot DNA. {@link dev.deeplift.plot.Plots}
 * has the one-line entry points; each returns an immutable {@link dev.deeplift.plot.Figure}.
 *
 * <pre>{@code
 * Plots.heatmap(a.scores(), Layout.NCHW).save(Path.of("h.png"));
 * Plots.sequenceLogo(a.scores(), 0, 100, 140).save(Path.of("logo.png"));
 * }</pre>
 */
package dev.deeplift.plot;
