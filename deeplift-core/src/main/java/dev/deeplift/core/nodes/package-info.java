/** The node kinds of a DeepLIFT graph, one per file: inputs, linear maps, nonlinearities, pooling, merges. */
package dev.deeplift.core.nodes;
