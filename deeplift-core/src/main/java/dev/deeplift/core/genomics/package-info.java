/**
 * DNA sequences for genomics experiments, over ND4J arrays only: one-hot encoding ({@link
 * dev.deeplift.core.genomics.OneHot}), position weight matrices and their log-odds scores ({@link
 * dev.deeplift.core.genomics.MotifPwm}), and the top motif matches per sequence ({@link
 * dev.deeplift.core.genomics.MotifScanner}), as in the DeepLIFT paper's TAL-GATA experiment.
 */
package dev.deeplift.core.genomics;
