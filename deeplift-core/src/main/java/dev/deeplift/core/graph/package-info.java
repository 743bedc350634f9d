/** The DeepLIFT graph: rule nodes over (input, reference) activations and multipliers, and its builder. */
package dev.deeplift.core.graph;
