/**
 * DeepLIFT over a whole dataset on Spark: {@link dev.deeplift.spark.DeepLiftTransformer}, a Spark ML Transformer with
 * the single-machine explainer's results, and {@link dev.deeplift.spark.ExplainJob}, a Parquet-to-Parquet job for
 * spark-submit (with a local demo).
 */
package dev.deeplift.spark;
