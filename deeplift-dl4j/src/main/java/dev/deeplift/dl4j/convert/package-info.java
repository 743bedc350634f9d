/** Conversion of DL4J layers into DeepLIFT rule nodes: one converter per layer kind, one table of them. */
package dev.deeplift.dl4j.convert;
