/**
 * References: the inputs an explanation is relative to. {@link dev.deeplift.core.reference.Reference} gives each
 * example of a batch one reference (zeros, a constant, a dataset mean, a blurred copy, a given array) or a
 * distribution of several (background samples, dinucleotide-shuffled sequences) for DeepSHAP; references are made
 * in chunks on demand.
 */
package dev.deeplift.core.reference;
