/**
 * Attribution methods built on any {@link dev.deeplift.core.Explainer}, one per file: DeepSHAP (an explainer
 * averaged over a distribution of references, in bounded batches of (example, reference) pairs) and integrated
 * gradients (over a gradient explainer).
 */
package dev.deeplift.core.methods;
