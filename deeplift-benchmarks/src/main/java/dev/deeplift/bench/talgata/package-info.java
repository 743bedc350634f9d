/**
 * The DeepLIFT paper's simulated genomics experiment (Figure 5), TAL-GATA: its sequences, labels, embedded motif
 * sites, motifs and trained Keras model, read from the resources under {@code talgata/} (see its SOURCES.md).
 */
package dev.deeplift.bench.talgata;
