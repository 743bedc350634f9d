package dev.deeplift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.DeepLift;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A retried task gives identical rows; another partitioning or batch size gives the same rows within rounding; an
 * executor reads the network once for all its tasks and jobs.
 */
class DeterminismTest {
    /** First attempts that failed; a static is seen by the tasks in local mode (one JVM). */
    static final AtomicInteger FAILED_ATTEMPTS = new AtomicInteger();

    private final SparkSession spark = TestSpark.session();
    @TempDir
    Path dir;

    /** Passes rows on; the first attempt of partition 1 throws after 5 rows. Runs in the explainer's stage. */
    static final class FailFirstAttempt implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            TaskContext task = TaskContext.get();
            boolean fail = task.partitionId() == 1 && task.attemptNumber() == 0;
            List<Row> out = new ArrayList<>();
            while (rows.hasNext()) {
                out.add(rows.next());
                if (fail && out.size() == 5) {
                    FAILED_ATTEMPTS.incrementAndGet();
                    throw new IllegalStateException("injected failure of partition 1, attempt 0 (expected)");
                }
            }
            return out.iterator();
        }
    }

    @Test
    void aFailedAndRetriedTaskGivesIdenticalRowsWithTheNetworkReadOnce() throws Exception {
        String zip = TestModels.save(TestModels.dna(DataType.FLOAT, 16), dir.toFile(), "dna.zip").getPath();
        Dataset<Row> df = TestModels.frame(spark, TestModels.dna(40, 16, 2), 4);
        DeepLiftTransformer t = new DeepLiftTransformer().setModelPath(zip).setInputCol("vec")
                .setInputShape(new long[] {4, 16}).setShuffledReferences(4, 99L).setBatchSize(6);
        ModelSource.clear();
        Dataset<Row> out = t.transform(df);
        // collected in partition order, without a shuffle (a sort would run the stage twice: sampling, then sorting)
        String clean = out.collectAsList().toString();

        FAILED_ATTEMPTS.set(0);
        String retried = out.mapPartitions(new FailFirstAttempt(), Encoders.row(out.schema())).collectAsList()
                .toString();
        assertEquals(1, FAILED_ATTEMPTS.get(), "partition 1 failed once and was retried");
        assertEquals(clean, retried);
        assertEquals(1, ModelSource.loadCount(), "driver and executor threads (one JVM) read the network once "
                + "for 4 partitions, 2 jobs and a retry");
        // not vacuous: another seed gives other rows
        assertNotEquals(clean, TestModels.byId(t.copy(new org.apache.spark.ml.param.ParamMap())
                .setShuffledReferences(4, 100L).transform(df)).toString());
    }

    @Test
    void anotherPartitioningGivesTheSameRowsWithinFloatRounding() throws Exception {
        MultiLayerNetwork net = TestModels.mlp(DataType.FLOAT, 8, 12, 3);
        String zip = TestModels.save(net, dir.toFile(), "mlp.zip").getPath();
        double[][] x = TestModels.rows(60, 8, 3);
        double[][] bg = TestModels.rows(5, 8, 4);
        DeepLiftTransformer t = new DeepLiftTransformer().setModelPath(zip).setInputCol("af").setBackground(bg);
        List<Row> one = TestModels.byId(t.copy(new org.apache.spark.ml.param.ParamMap()).setBatchSize(64)
                .transform(TestModels.frame(spark, x, 1)));
        List<Row> five = TestModels.byId(t.setBatchSize(5).transform(TestModels.frame(spark, x, 5)));
        INDArray xs = TestModels.batch(x, DataType.FLOAT, 8);
        int[] predicted = Nd4j.argMax(net.output(xs, false), 1).toIntVector();
        Attribution expected = DeepShap.of(DeepLift.of(net)).explain(xs,
                Reference.background(TestModels.batch(bg, DataType.FLOAT, 8)), predicted);
        Expect.sameRows(one, expected, Expect.FLOAT);
        Expect.sameRows(five, expected, Expect.FLOAT);
    }

    @Test
    void anotherPartitioningGivesTheSameRowsToDoublePrecision() throws Exception {
        MultiLayerNetwork net = TestModels.cnn(DataType.DOUBLE);
        String zip = TestModels.save(net, dir.toFile(), "cnn.zip").getPath();
        double[][] x = TestModels.rows(30, 36, 5);
        DeepLiftTransformer t = new DeepLiftTransformer().setModelPath(zip).setInputCol("ad")
                .setInputShape(new long[] {1, 6, 6}).setScoresType("double");
        List<Row> one = TestModels.byId(t.copy(new org.apache.spark.ml.param.ParamMap()).setBatchSize(30)
                .transform(TestModels.frame(spark, x, 1)));
        List<Row> three = TestModels.byId(t.setBatchSize(4).transform(TestModels.frame(spark, x, 3)));
        Attribution expected = DeepLift.of(net).explainPredicted(TestModels.batch(x, DataType.DOUBLE, 1, 6, 6),
                Nd4j.zeros(DataType.DOUBLE, 1, 1, 6, 6));
        Expect.sameRows(one, expected, Expect.DOUBLE);
        Expect.sameRows(three, expected, Expect.DOUBLE);
    }
}
