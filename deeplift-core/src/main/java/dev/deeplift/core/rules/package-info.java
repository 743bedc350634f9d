/** The nonlinear rules of DeepLIFT (Rescale, RevealCancel) and plain gradients, as stateless strategies. */
package dev.deeplift.core.rules;
