/**
 * Fused Java kernels for the hottest DeepLIFT rules on dense FLOAT arrays: Rescale and RevealCancel on ReLU, and
 * cross-max pooling over non-overlapping windows. Each replaces a sequence of 7 to 40 ND4J ops, whose fixed cost per
 * op and passes over the data dominate a call, by two sweeps, and gives bit for bit the values of that sequence.
 * Where a kernel does not apply it returns null and the rule runs its ND4J ops.
 * {@link dev.deeplift.core.kernels.Kernels} is the switch.
 */
package dev.deeplift.core.kernels;
