/**
 * Attribution methods built on any {@link dev.deeplift.core.Explainer}: DeepSHAP, which averages an explainer's
 * attributions over a distribution of references, in bounded batches of (example, reference) pairs.
 */
package dev.deeplift.core.methods;
