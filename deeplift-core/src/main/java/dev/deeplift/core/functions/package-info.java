/** Elementwise nonlinearities with their derivatives, and the table of ND4J activations known to be elementwise. */
package dev.deeplift.core.functions;
