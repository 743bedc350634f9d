/**
 * The DL4J adapter: {@link dev.deeplift.dl4j.DeepLift} explains MultiLayerNetworks and ComputationGraphs, and
 * {@link dev.deeplift.dl4j.Methods} builds the methods it is compared with (gradients, integrated gradients, guided
 * backpropagation).
 */
package dev.deeplift.dl4j;
