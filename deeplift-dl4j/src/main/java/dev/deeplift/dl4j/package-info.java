/** The DL4J adapter: {@link dev.deeplift.dl4j.DeepLift} explains MultiLayerNetworks and ComputationGraphs. */
package dev.deeplift.dl4j;
