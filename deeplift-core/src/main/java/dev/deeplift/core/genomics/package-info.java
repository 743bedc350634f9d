/**
 * Helpers for one-hot encoded biological sequences: hypothetical contributions (what each base would contribute at
 * each position) and their projection onto the observed sequence.
 */
package dev.deeplift.core.genomics;
