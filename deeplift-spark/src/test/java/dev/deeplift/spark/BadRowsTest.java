package dev.deeplift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Bad rows do not fail the job: each gets its message in the error column and null results, and the good rows of
 * the same batch get exactly what one machine gives them.
 */
class BadRowsTest {
    private final SparkSession spark = TestSpark.session();
    @TempDir
    Path dir;

    @Test
    void eachBadRowSaysWhatIsWrongAndItsBatchIsExplained() throws Exception {
        MultiLayerNetwork net = TestModels.mlp(DataType.FLOAT, 4, 6, 3);
        File zip = TestModels.save(net, dir.toFile(), "mlp.zip");
        double[][] good = TestModels.rows(6, 4, 9);
        StructType schema = new StructType().add("id", DataTypes.LongType)
                .add("x", DataTypes.createArrayType(DataTypes.FloatType, true))
                .add("label", DataTypes.IntegerType);
        List<Row> rows = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        int[] goodTargets = {0, 1, 2, 2, 1, 0};
        long id = 0;
        for (int g = 0; g < good.length; g++) {
            rows.add(RowFactory.create(id++, floats(good[g]), goodTargets[g]));
            errors.add(null);
            // a bad row after each good one, all in one batch
            switch (g) {
                case 0 -> add(rows, errors, id++, null, 1, "input is null");
                case 1 -> add(rows, errors, id++, floats(1, 2, Float.NaN, 4), 1,
                        "input element 2 is NaN: NaN and infinite values cannot be explained");
                case 2 -> add(rows, errors, id++, floats(Float.NEGATIVE_INFINITY, 2, 3, 4), 1,
                        "input element 0 is -Infinity: NaN and infinite values cannot be explained");
                case 3 -> add(rows, errors, id++, floats(1, 2, 3), 1,
                        "input has 3 values but the network takes 4 per example");
                case 4 -> add(rows, errors, id++, floats(1, 2, 3, 4), 3,
                        "target 3 is out of range: the output has 3 units (0..2)");
                default -> add(rows, errors, id++, floats(1, 2, 3, 4), null, "target is null");
            }
        }
        rows.add(RowFactory.create(id++, CollectionConverters.asScala(Arrays.asList(1f, null, 3f, 4f)).toSeq(), 0));
        errors.add("input element 1 is null");

        Dataset<Row> out = new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol("x")
                .setTargetCol("label").transform(TestModels.frame(spark, rows, schema, 1));
        List<Row> result = TestModels.byId(out);

        Attribution expected = DeepLift.of(net).explain(TestModels.batch(good, DataType.FLOAT, 4),
                Nd4j.zeros(DataType.FLOAT, 1, 4), goodTargets);
        int g = 0;
        for (int i = 0; i < result.size(); i++) {
            Row r = result.get(i);
            if (errors.get(i) == null) {
                Expect.sameRow(r, expected, g++, Expect.FLOAT);
            } else {
                assertEquals(errors.get(i), r.getAs("error"), "row " + i);
                for (String c : new String[] {"scores", "delta", "summation_error", "target"}) {
                    assertTrue(r.isNullAt(r.fieldIndex(c)), "row " + i + ": " + c + " is null");
                }
            }
        }
        assertEquals(good.length, g);
    }

    @Test
    void aSequenceThatIsNotOneHotGetsTheLibrarysMessageAndTheOthersAreShuffled() throws Exception {
        MultiLayerNetwork net = TestModels.dna(DataType.FLOAT, 12);
        File zip = TestModels.save(net, dir.toFile(), "dna.zip");
        double[][] x = TestModels.dna(5, 12, 3);
        x[2][5] = 0.5; // channel 0, position 5
        List<Row> rows = TestModels.byId(new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol("af")
                .setInputShape(new long[] {4, 12}).setShuffledReferences(3, 1L).setTarget(0)
                .transform(TestModels.frame(spark, x, 1)));
        String error = rows.get(2).getAs("error");
        assertTrue(error.startsWith("Reference.dinucleotideShuffled: position 5 is not one-hot"), error);
        for (int i : new int[] {0, 1, 3, 4}) {
            assertNull(rows.get(i).getAs("error"));
            assertTrue(rows.get(i).getDouble(rows.get(i).fieldIndex("summation_error")) < 1e-5);
        }
    }

    private static void add(List<Row> rows, List<String> errors, long id, Object x, Integer label, String error) {
        rows.add(RowFactory.create(id, x, label));
        errors.add(error);
    }

    private static float[] floats(double... v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }
}
