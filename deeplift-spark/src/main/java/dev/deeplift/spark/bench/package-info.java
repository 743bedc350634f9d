/**
 * The Spark throughput measurement ({@link dev.deeplift.spark.bench.SparkThroughput}): the transformer on a local
 * Spark against the single-JVM explainer on the same rows and model. Run by hand, never as a test.
 */
package dev.deeplift.spark.bench;
