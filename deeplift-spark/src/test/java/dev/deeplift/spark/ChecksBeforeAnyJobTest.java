package dev.deeplift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A missing or mistyped column, conflicting params and a network or shape that cannot work fail before any job. */
class ChecksBeforeAnyJobTest {
    @TempDir
    static Path dir;
    static SparkSession spark;
    static String mlp;
    static String cnn;
    static Dataset<Row> df;

    @BeforeAll
    static void setUp() throws Exception {
        spark = TestSpark.session();
        mlp = TestModels.save(TestModels.mlp(DataType.FLOAT, 8, 6, 3), dir.toFile(), "mlp.zip").getPath();
        cnn = TestModels.save(TestModels.cnn(DataType.FLOAT), dir.toFile(), "cnn.zip").getPath();
        df = TestModels.frame(spark, TestModels.rows(4, 8, 1), 1);
    }

    private static DeepLiftTransformer mlp(String column) {
        return new DeepLiftTransformer().setModelPath(mlp).setInputCol(column);
    }

    /** The exception's message, after checking that no Spark job ran. */
    private static String refused(String group, Executable work) {
        String[] message = new String[1];
        TestSpark.assertNoJob(group, () -> message[0] = assertThrows(IllegalArgumentException.class, work)
                .getMessage());
        return message[0];
    }

    @Test
    void aMissingOrMistypedColumnIsNamed() {
        assertEquals("DeepLiftTransformer: input column 'nope' does not exist; the columns are id, vec, af, ad",
                refused("missing", () -> mlp("nope").transform(df)));
        Dataset<Row> more = df.withColumn("s", functions.col("id").cast("string"))
                .withColumn("ai", functions.col("af").cast("array<int>"))
                .withColumn("dt", functions.col("id").cast("double"));
        assertEquals("DeepLiftTransformer: input column 's' has type string; expected vector, array<float> or "
                + "array<double>", refused("string", () -> mlp("s").transform(more)));
        assertEquals("DeepLiftTransformer: input column 'ai' has type array<int>; expected vector, array<float> or "
                + "array<double>", refused("ints", () -> mlp("ai").transform(more)));
        assertEquals("DeepLiftTransformer: reference column 's' has type string; expected vector, array<float> or "
                + "array<double>", refused("ref", () -> mlp("af").setReferenceCol("s").transform(more)));
        assertEquals("DeepLiftTransformer: target column 'dt' has type double; expected int, bigint, smallint or "
                + "tinyint (a unit index)", refused("target", () -> mlp("af").setTargetCol("dt").transform(more)));
        assertThrows(IllegalArgumentException.class, () -> new DeepLiftTransformer().setInputCol("af")
                .transformSchema(df.schema()), "modelPath is not set");
    }

    @Test
    void conflictingParamsAreRefused() {
        assertEquals("DeepLiftTransformer: set either target ('1') or targetCol ('id'), not both",
                refused("both targets", () -> mlp("af").setTarget(1).setTargetCol("id").transform(df)));
        assertEquals("DeepLiftTransformer: choose one kind of reference; set are [reference, background]",
                refused("two references", () -> mlp("af").setReference(new double[8])
                        .setBackground(new double[][] {new double[8]}).transform(df)));
        assertEquals("DeepLiftTransformer: output column 'vec' already exists; name it with the matching set...Col",
                refused("exists", () -> mlp("af").setOutputCol("vec").transform(df)));
        assertEquals("DeepLiftTransformer: the output columns need distinct names: [scores, scores, "
                + "summation_error, target, error]", refused("twice", () -> mlp("af").setDeltaCol("scores")
                .transform(df)));
        assertEquals("DeepLiftTransformer: target must be 'predicted' or a unit index (0, 1, ...); got 'best'",
                assertThrows(IllegalArgumentException.class, () -> mlp("af").setTarget("best")).getMessage());
        assertEquals("DeepLiftTransformer: rule must be one of rescale, reveal-cancel, genomics, gradient; got "
                + "'deconvnet'", assertThrows(IllegalArgumentException.class, () -> mlp("af").setRule("deconvnet"))
                .getMessage());
    }

    @Test
    void aMissingFileOrOneThatIsNotANetworkIsNamed() throws Exception {
        String missing = dir.resolve("nothing.zip").toString();
        String m = refused("no file", () -> mlp("af").setModelPath(missing).transform(df));
        assertTrue(m.startsWith("DeepLiftTransformer: cannot read model " + missing + ": java.io.FileNotFound"), m);
        File text = Files.writeString(dir.resolve("notes.zip"), "not a zip").toFile();
        assertEquals("DeepLiftTransformer: " + text.getPath() + " is not a DL4J model saved with ModelSerializer: "
                + "it is not a zip file", refused("not a zip", () -> mlp("af").setModelPath(text.getPath())
                .transform(df)));
        assertTrue(refused("folder", () -> mlp("af").setModelPath(dir.toString()).transform(df))
                .contains("is a directory"));
    }

    @Test
    void shapesReferencesAndAFixedTargetAreCheckedAgainstTheNetwork() throws Exception {
        String shape = refused("no shape", () -> new DeepLiftTransformer().setModelPath(cnn).setInputCol("af")
                .transform(df));
        assertTrue(shape.startsWith("DeepLiftTransformer: the network's configuration does not fix the shape of an "
                + "example (it takes [N, 1, *, *]): set inputShape"), shape);
        String wrong = refused("wrong shape", () -> new DeepLiftTransformer().setModelPath(cnn).setInputCol("af")
                .setInputShape(new long[] {1, 2, 4}).transform(df));
        assertTrue(wrong.startsWith("DeepLiftTransformer: inputShape [1, 2, 4]: input has shape [N, 1, 2, 4], "
                + "which the network cannot take"), wrong);
        assertEquals("DeepLiftTransformer: inputShape [8, 1] does not fit the network, which takes [N, 8]",
                refused("rank", () -> mlp("af").setInputShape(new long[] {8, 1}).transform(df)));
        assertEquals("DeepLiftTransformer: reference has 7 values but the network takes 8 per example",
                refused("reference", () -> mlp("af").setReference(new double[7]).transform(df)));
        double[][] bg = {new double[8], new double[8]};
        bg[1][3] = Double.NaN;
        assertEquals("DeepLiftTransformer: background row 1 has NaN at element 3",
                refused("background", () -> mlp("af").setBackground(bg).transform(df)));
        assertEquals("DeepLiftTransformer: target 3 is out of range: the output has 3 units (0..2)",
                refused("target", () -> mlp("af").setTarget(3).transform(df)));
        assertEquals("DeepLiftTransformer: shuffled references need one-hot sequences of shape [4, L] or [L, 4]; "
                + "an example has shape [8]", refused("shuffles", () -> mlp("af").setShuffledReferences(2, 1)
                .transform(df)));
    }

    @Test
    void anUnsupportedLayerIsNamedBeforeAnyJob() throws Exception {
        MultiLayerNetwork pnorm = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().list()
                .layer(new ConvolutionLayer.Builder(2, 2).nIn(1).nOut(2).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.PNORM).pnorm(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build());
        pnorm.init();
        String path = TestModels.save(pnorm, dir.toFile(), "pnorm.zip").getPath();
        TestSpark.assertNoJob("unsupported", () -> {
            RuntimeException e = assertThrows(RuntimeException.class, () -> new DeepLiftTransformer()
                    .setModelPath(path).setInputCol("af").setInputShape(new long[] {1, 4, 2}).transform(df));
            assertTrue(e.getMessage().contains("GlobalPooling"), e.getMessage());
        });
    }
}
