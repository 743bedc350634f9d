/** The engine: one forward pass over inputs and references, one backward pass of multipliers, and the results. */
package dev.deeplift.core.engine;
