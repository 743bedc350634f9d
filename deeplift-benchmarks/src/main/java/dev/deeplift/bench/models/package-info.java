/** The networks and synthetic data the benchmarks run on: random weights and inputs from fixed seeds. */
package dev.deeplift.bench.models;
