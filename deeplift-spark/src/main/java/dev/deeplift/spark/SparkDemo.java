package dev.deeplift.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * {@code ExplainJob --demo}: the job on an embedded default, nothing downloaded. A table of 12 standard-normal
 * features whose class is the sign of {@code 1.5·x0 − 2·x3 + x7} (so the answer is known: features 3, 0 and 7
 * matter, in that order, and no other); a small MLP trained on it in a few seconds and saved with ModelSerializer;
 * 20,000 rows plus two bad ones written as Parquet; then the job explains them and prints what it found.
 */
final class SparkDemo {
    private static final int FEATURES = 12;
    private static final int[] RELEVANT = {0, 3, 7};
    private static final double[] WEIGHTS = {1.5, -2.0, 1.0};
    private static final int TRAINING_ROWS = 4000;
    private static final int ROWS = 20_000;
    private static final int EPOCHS = 8;

    private SparkDemo() {
    }

    /** Writes {@code dir}/model.zip and input.parquet, explains them into scores.parquet and prints a summary. */
    static void run(SparkSession spark, String dir, Map<String, String> options) {
        long seed = Long.parseLong(options.getOrDefault("seed", "7"));
        File folder = new File(dir);
        if (!folder.isDirectory() && !folder.mkdirs()) {
            throw new UncheckedIOException(new IOException("cannot create " + folder));
        }
        String model = new File(folder, "model.zip").getPath();
        String input = new File(folder, "input.parquet").getPath();
        String output = new File(folder, "scores.parquet").getPath();

        long start = System.nanoTime();
        Random random = new Random(seed);
        MultiLayerNetwork net = train(table(TRAINING_ROWS, random), seed);
        try {
            ModelSerializer.writeModel(net, new File(model), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.out.printf("trained an MLP (%d-16-2) on %d rows in %.1f s, saved %s%n", FEATURES, TRAINING_ROWS,
                (System.nanoTime() - start) / 1e9, model);

        StructType schema = new StructType().add("id", DataTypes.LongType, false)
                .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);
        float[] nan = new float[FEATURES];
        nan[2] = Float.NaN;
        List<Row> bad = List.of(RowFactory.create((long) ROWS, nan),
                RowFactory.create((long) ROWS + 1, new float[FEATURES - 1]));
        // The rows are made in Spark's tasks, each from its own seed: nothing large is sent from the driver.
        spark.range(0, ROWS, 1, 4).as(Encoders.LONG()).map((MapFunction<Long, Row>) id -> RowFactory.create(id,
                table(1, new Random(seed * 1_000_003L + id))[0]), Encoders.row(schema))
                .union(spark.createDataFrame(bad, schema)).write().mode("overwrite").parquet(input);
        System.out.printf("wrote %d rows (two of them bad) to %s%n", ROWS + bad.size(), input);

        String[] args = {"--model", model, "--input", input, "--output", output, "--mode", "overwrite"};
        System.out.println("running: ExplainJob " + String.join(" ", args));
        ExplainJob.run(spark, args);

        Dataset<Row> scores = spark.read().parquet(output);
        System.out.println("bad rows:");
        for (Row r : scores.where(functions.col("error").isNotNull()).select("id", "error").orderBy("id")
                .collectAsList()) {
            System.out.println("  id " + r.getLong(0) + ": " + r.getString(1));
        }
        System.out.println("mean |score| per feature (the class is the sign of 1.5*x0 - 2*x3 + x7):");
        for (Row r : scores.where(functions.col("error").isNull())
                .select(functions.posexplode(functions.col("scores")))
                .groupBy("pos").agg(functions.avg(functions.abs(functions.col("col"))).as("mean"))
                .orderBy(functions.desc("mean")).limit(5).collectAsList()) {
            System.out.printf("  x%-2d %.4f%n", r.getInt(0), r.getDouble(1));
        }
    }

    /** Standard-normal rows. */
    private static float[][] table(int n, Random random) {
        float[][] x = new float[n][FEATURES];
        for (float[] row : x) {
            for (int j = 0; j < FEATURES; j++) {
                row[j] = (float) random.nextGaussian();
            }
        }
        return x;
    }

    /** The class of a row: 1 if {@code 1.5·x0 − 2·x3 + x7 > 0}. */
    private static int label(float[] row) {
        double s = 0;
        for (int k = 0; k < RELEVANT.length; k++) {
            s += WEIGHTS[k] * row[RELEVANT[k]];
        }
        return s > 0 ? 1 : 0;
    }

    private static MultiLayerNetwork train(float[][] x, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(seed)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(FEATURES).nOut(16).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        float[][] y = new float[x.length][2];
        for (int i = 0; i < x.length; i++) {
            y[i][label(x[i])] = 1f;
        }
        DataSet all = new DataSet(Nd4j.createFromArray(x), Nd4j.createFromArray(y));
        for (int epoch = 0; epoch < EPOCHS; epoch++) {
            for (DataSet batch : all.batchBy(64)) {
                net.fit(batch);
            }
        }
        return net;
    }
}
