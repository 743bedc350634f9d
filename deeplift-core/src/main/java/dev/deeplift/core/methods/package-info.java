/** Attribution methods built on a gradient or DeepLIFT {@link dev.deeplift.core.Explainer}, one per file. */
package dev.deeplift.core.methods;
