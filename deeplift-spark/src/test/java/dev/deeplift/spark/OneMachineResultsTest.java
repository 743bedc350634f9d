package dev.deeplift.spark;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Layout;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.DeepLift;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Each row's scores, delta, summation error and target equal what {@code DeepLift.of(net)} (or DeepSHAP over it)
 * gives for the same rows on one machine: FLOAT within float rounding (other batches), DOUBLE to 1e-12.
 */
class OneMachineResultsTest {
    private final SparkSession spark = TestSpark.session();
    @TempDir
    Path dir;

    @Test
    void anMlpExplainsEachRowsPredictedClassAsOneMachineDoesWithTheInputShapeItsConfigurationFixes() throws Exception {
        MultiLayerNetwork net = TestModels.mlp(DataType.FLOAT, 8, 12, 3);
        File zip = TestModels.save(net, dir.toFile(), "mlp.zip");
        double[][] x = TestModels.rows(40, 8, 1);
        Dataset<Row> out = new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol("af").setBatchSize(16)
                .transform(TestModels.frame(spark, x, 3));

        Attribution expected = DeepLift.of(net).explainPredicted(TestModels.batch(x, DataType.FLOAT, 8),
                Nd4j.zeros(DataType.FLOAT, 1, 8));
        Expect.sameRows(TestModels.byId(out), expected, Expect.FLOAT);
    }

    @Test
    void aCnnExplainsAFixedUnitWithRevealCancelAsOneMachineDoes() throws Exception {
        MultiLayerNetwork cnn = TestModels.cnn(DataType.FLOAT);
        File zip = TestModels.save(cnn, dir.toFile(), "cnn.zip");
        double[][] x = TestModels.rows(30, 36, 2);
        Dataset<Row> out = new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol("vec")
                .setInputShape(new long[] {1, 6, 6}).setTarget("2")
                .setRule("reveal-cancel").setBatchSize(8).transform(TestModels.frame(spark, x, 2));

        Attribution expected = DeepLift.of(cnn).withRule(Rule.REVEAL_CANCEL)
                .explain(TestModels.batch(x, DataType.FLOAT, 1, 6, 6), Nd4j.zeros(DataType.FLOAT, 1, 1, 6, 6), 2);
        Expect.sameRows(TestModels.byId(out), expected, Expect.FLOAT);
    }

    @Test
    void aComputationGraphWithEachRowsTargetAndReferenceMatchesToDoublePrecision() throws Exception {
        ComputationGraph graph = TestModels.graph(DataType.DOUBLE, 5);
        File zip = TestModels.save(graph, dir.toFile(), "graph.zip");
        double[][] x = TestModels.rows(30, 5, 3);
        double[][] refs = TestModels.rows(30, 5, 4);
        int[] targets = new int[30];
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            targets[i] = (i * 7) % 3;
            rows.add(RowFactory.create((long) i, x[i], refs[i], (long) targets[i]));
        }
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("x", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("ref", DataTypes.createArrayType(DataTypes.DoubleType, false))
                .add("label", DataTypes.LongType);
        Dataset<Row> out = new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol("x")
                .setInputShape(new long[] {5}).setReferenceCol("ref").setTargetCol("label").setScoresType("double")
                .setBatchSize(7)
                .transform(TestModels.frame(spark, rows, schema, 3));

        Attribution expected = DeepLift.of(graph).explain(TestModels.batch(x, DataType.DOUBLE, 5),
                TestModels.batch(refs, DataType.DOUBLE, 5), targets);
        Expect.sameRows(TestModels.byId(out), expected, Expect.DOUBLE);
    }

    @Test
    void deepShapWithABackgroundAveragesEveryBackgroundRowAsOneMachineDoes() throws Exception {
        MultiLayerNetwork net = TestModels.mlp(DataType.FLOAT, 8, 12, 3);
        File zip = TestModels.save(net, dir.toFile(), "mlp.zip");
        double[][] x = TestModels.rows(40, 8, 5);
        double[][] background = TestModels.rows(10, 8, 6);
        Dataset<Row> out = new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol("ad")
                .setBackground(background).setBatchSize(16).transform(TestModels.frame(spark, x, 3));

        INDArray xs = TestModels.batch(x, DataType.FLOAT, 8);
        int[] predicted = Nd4j.argMax(net.output(xs, false), 1).toIntVector();
        Attribution expected = DeepShap.of(DeepLift.of(net))
                .explain(xs, Reference.background(TestModels.batch(background, DataType.FLOAT, 8)), predicted);
        Expect.sameRows(TestModels.byId(out), expected, Expect.FLOAT);
    }

    @Test
    void shuffledDnaReferencesWithTheGenomicsRulesMatchOneMachine() throws Exception {
        MultiLayerNetwork net = TestModels.dna(DataType.FLOAT, 20);
        File zip = TestModels.save(net, dir.toFile(), "dna.zip");
        double[][] x = TestModels.dna(24, 20, 7);
        Dataset<Row> out = new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol("af").setTarget(1)
                .setInputShape(new long[] {4, 20}).setRule("genomics").setShuffledReferences(5, 11L).setBatchSize(5)
                .transform(TestModels.frame(spark, x, 3));

        Attribution expected = DeepShap.of(DeepLift.of(net).withRules(RulePolicy.genomicsDefault()))
                .explain(TestModels.batch(x, DataType.FLOAT, 4, 20), Reference.dinucleotideShuffled(5, 11L,
                        Layout.NCW), 1);
        Expect.sameRows(TestModels.byId(out), expected, Expect.FLOAT);
    }

    /** Makes row {@code id} of {@code x} with its values as a primitive array, as a user's Java function would. */
    static final class MakeRows implements MapPartitionsFunction<Long, Row> {
        private static final long serialVersionUID = 1L;
        private final double[][] x;

        MakeRows(double[][] x) {
            this.x = x;
        }

        @Override
        public Iterator<Row> call(Iterator<Long> ids) {
            List<Row> out = new ArrayList<>();
            while (ids.hasNext()) {
                int i = ids.next().intValue();
                float[] f = new float[x[i].length];
                for (int j = 0; j < f.length; j++) {
                    f[j] = (float) x[i][j];
                }
                out.add(RowFactory.create((long) i, f, x[i].clone()));
            }
            return out.iterator();
        }
    }

    @Test
    void rowsMadeByAnUpstreamJavaFunctionAreReadAsMade() throws Exception {
        // Spark drops the serialize/deserialize pair between two object operators: the explainer then sees the
        // upstream Row objects with their float[] and double[] values, not Spark's own array types.
        MultiLayerNetwork net = TestModels.mlp(DataType.FLOAT, 8, 12, 3);
        File zip = TestModels.save(net, dir.toFile(), "mlp.zip");
        double[][] x = TestModels.rows(20, 8, 8);
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("af", DataTypes.createArrayType(DataTypes.FloatType, false))
                .add("ad", DataTypes.createArrayType(DataTypes.DoubleType, false));
        Dataset<Row> made = spark.range(0, 20, 1, 2).as(Encoders.LONG()).mapPartitions(new MakeRows(x),
                Encoders.row(schema));
        Attribution expected = DeepLift.of(net).explainPredicted(TestModels.batch(x, DataType.FLOAT, 8),
                Nd4j.zeros(DataType.FLOAT, 1, 8));
        for (String column : new String[] {"af", "ad"}) {
            Dataset<Row> out = new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol(column)
                    .transform(made);
            Expect.sameRows(TestModels.byId(out), expected, Expect.FLOAT);
        }
    }
}
