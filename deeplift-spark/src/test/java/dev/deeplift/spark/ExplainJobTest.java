package dev.deeplift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.DeepLift;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The Parquet-to-Parquet job, with the transformer's options, and its demo. */
class ExplainJobTest {
    private final SparkSession spark = TestSpark.session();
    @TempDir
    Path dir;

    @Test
    void parquetRowsComeBackWithTheTransformersColumns() throws Exception {
        MultiLayerNetwork net = TestModels.mlp(DataType.FLOAT, 8, 10, 3);
        String zip = TestModels.save(net, dir.toFile(), "m.zip").getPath();
        double[][] x = TestModels.rows(30, 8, 3);
        double[][] bg = TestModels.rows(4, 8, 4);
        String in = dir.resolve("in.parquet").toString();
        String background = dir.resolve("bg.parquet").toString();
        String out = dir.resolve("out.parquet").toString();
        TestModels.frame(spark, x, 2).withColumn("label", functions.col("id").mod(3).cast("int"))
                .select("id", "af", "label").withColumnRenamed("af", "features").write().parquet(in);
        TestModels.frame(spark, bg, 1).select("vec").withColumnRenamed("vec", "features").write().parquet(background);

        ExplainJob.run(spark, "--model", zip, "--input", in, "--output", out, "--target-col", "label",
                "--background", background, "--batch-size", "7");

        List<Row> rows = TestModels.byId(spark.read().parquet(out));
        int[] targets = new int[30];
        for (int i = 0; i < 30; i++) {
            targets[i] = i % 3;
        }
        Attribution expected = DeepShap.of(DeepLift.of(net)).explain(TestModels.batch(x, DataType.FLOAT, 8),
                Reference.background(TestModels.batch(bg, DataType.FLOAT, 8)), targets);
        Expect.sameRows(rows, expected, Expect.FLOAT);
        assertEquals("array<float>", spark.read().parquet(out).schema().apply("scores").dataType().simpleString());
    }

    @Test
    void unknownOptionsAndMissingValuesAreRefusedWithTheUsage() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExplainJob.run(null, "--modle", "x"));
        assertTrue(e.getMessage().startsWith("unknown argument '--modle'\nusage: ExplainJob"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExplainJob.run(null, "--model"));
        assertTrue(e.getMessage().startsWith("missing the value of '--model'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ExplainJob.run(spark, "--model", "m.zip",
                "--output", "o"));
        assertTrue(e.getMessage().startsWith("missing --input"), e.getMessage());
    }

    @Test
    void theDemoFindsTheThreeFeaturesTheClassDependsOn() {
        String folder = dir.resolve("demo").toString();
        ExplainJob.run(spark, "--demo", "--output", folder);
        Dataset<Row> scores = spark.read().parquet(folder + "/scores.parquet");
        assertEquals(20_002, scores.count());
        assertEquals(List.of("input element 2 is NaN: NaN and infinite values cannot be explained",
                "input has 11 values but the network takes 12 per example"), scores.where("error IS NOT NULL")
                .orderBy("id").select("error").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
        List<Row> top = scores.where("error IS NULL").select(functions.posexplode(functions.col("scores")))
                .groupBy("pos").agg(functions.avg(functions.abs(functions.col("col"))).as("mean"))
                .orderBy(functions.desc("mean")).limit(3).collectAsList();
        assertEquals(List.of(0, 3, 7), top.stream().map(r -> r.getInt(0)).sorted().toList());
        assertTrue(scores.agg(functions.max("summation_error")).first().getDouble(0) < 1e-4);
    }
}
