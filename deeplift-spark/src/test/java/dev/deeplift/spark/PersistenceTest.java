package dev.deeplift.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.List;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;

/** The transformer saves and loads with every param, alone and inside a Pipeline. */
class PersistenceTest {
    private final SparkSession spark = TestSpark.session();
    @TempDir
    Path dir;

    @Test
    void everyParamSurvivesSaveAndLoad() throws Exception {
        double[][] bg = {{1, 2, 3, 4}, {5, 6, 7, 8}};
        DeepLiftTransformer t = new DeepLiftTransformer().setModelPath("hdfs:///models/m.zip").setInputCol("x")
                .setInputShape(new long[] {1, 2, 2}).setTarget(2).setRule("reveal-cancel").setBackground(bg)
                .setShuffledReferences(0, -7L).setSequenceLayout("NWC").setReference(new double[] {0, 1, 0, 1})
                .setReferenceCol("r").setBatchSize(33).setScoresType("double").setOutputCol("s")
                .setDeltaCol("d").setSummationErrorCol("e").setExplainedTargetCol("t").setErrorCol("why");
        String path = dir.resolve("t").toString();
        t.write().overwrite().save(path);
        DeepLiftTransformer u = DeepLiftTransformer.load(path);

        assertEquals(t.uid(), u.uid());
        assertEquals(19, u.params().length, "params are found through their public accessors");
        for (var p : t.params()) {
            assertEquals(t.isDefined(p), u.isDefined(p), p.name());
            if (!t.isDefined(p)) {
                continue;
            }
            Object a = t.getOrDefault(p);
            Object b = u.getOrDefault(p);
            if (a instanceof long[] la) {
                assertArrayEquals(la, (long[]) b, p.name());
            } else if (a instanceof double[] da) {
                assertArrayEquals(da, (double[]) b, p.name());
            } else if (a instanceof double[][] dda) {
                assertArrayEquals(dda, (double[][]) b, p.name());
            } else {
                assertEquals(a, b, p.name());
            }
        }
        assertFalse(u.isSet(u.targetCol()));
        DeepLiftTransformer defaults = DeepLiftTransformer.load(save(new DeepLiftTransformer(), "d"));
        assertFalse(defaults.isSet(defaults.batchSize()), "a default stays a default");
        assertEquals(512, defaults.getBatchSize());
        assertEquals("predicted", defaults.getTarget());
    }

    private String save(DeepLiftTransformer t, String name) throws Exception {
        String path = dir.resolve(name).toString();
        t.save(path);
        return path;
    }

    @Test
    void aPipelineWithTheTransformerGivesTheSameRowsAfterSaveAndLoad() throws Exception {
        String zip = TestModels.save(TestModels.mlp(DataType.FLOAT, 3, 5, 2), dir.toFile(), "m.zip").getPath();
        StructType schema = new StructType().add("id", DataTypes.LongType).add("a", DataTypes.DoubleType)
                .add("b", DataTypes.DoubleType).add("c", DataTypes.DoubleType);
        Dataset<Row> df = spark.createDataFrame(List.of(RowFactory.create(0L, 0.5, -1.0, 2.0),
                RowFactory.create(1L, 1.5, 0.0, -2.0), RowFactory.create(2L, -0.5, 1.0, 0.25)), schema);
        PipelineModel fitted = new Pipeline().setStages(new PipelineStage[] {
            new VectorAssembler().setInputCols(new String[] {"a", "b", "c"}).setOutputCol("features"),
            new DeepLiftTransformer().setInputCol("features").setModelPath(zip).setRule("genomics")}).fit(df);
        String path = dir.resolve("pipeline").toString();
        fitted.write().overwrite().save(path);
        PipelineModel loaded = PipelineModel.load(path);

        assertInstanceOf(DeepLiftTransformer.class, loaded.stages()[1]);
        assertEquals("genomics", ((DeepLiftTransformer) loaded.stages()[1]).getRule());
        assertEquals(TestModels.byId(fitted.transform(df)).toString(), TestModels.byId(loaded.transform(df))
                .toString());
    }
}
