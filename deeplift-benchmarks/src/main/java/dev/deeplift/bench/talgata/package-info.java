/**
 * The DeepLIFT paper's simulated genomics experiment (Figure 5), TAL-GATA: its sequences, labels, embedded motif
 * sites, motifs and trained Keras model, read from the resources under {@code talgata/} (see its SOURCES.md), and
 * the experiment itself, {@link dev.deeplift.bench.talgata.TalGataFigure5}: every compared method's scores, the
 * motif matches, the false-negative table beside the authors', the scatter plots and bar charts
 * (see {@code deeplift-benchmarks/GENOMICS.md}).
 */
package dev.deeplift.bench.talgata;
