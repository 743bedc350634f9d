/**
 * DNA sequences for genomics experiments, over ND4J arrays only: one-hot encoding ({@link
 * dev.deeplift.core.genomics.OneHot}), position weight matrices and their log-odds scores ({@link
 * dev.deeplift.bench.talgata.MotifPwm}), the top motif matches per sequence ({@link
 * dev.deeplift.bench.talgata.MotifScanner}), and hypothetical contributions with their projection onto the
 * observed sequence ({@link dev.deeplift.core.genomics.HypotheticalContributions}).
 */
package dev.deeplift.core.genomics;
