package dev.deeplift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of the test JVM (starting one costs seconds, and a JVM holds one SparkContext), never stopped
 * by a test: Spark's shutdown hook stops it. Master {@code local[2,2]}: two task threads, and a failed task is tried
 * once more (local mode ignores spark.task.maxFailures; the second number is the only way), for the retry test.
 */
final class TestSpark {
    private static SparkSession spark;

    private TestSpark() {
    }

    static synchronized SparkSession session() {
        if (spark == null) {
            spark = SparkSession.builder()
                    .master("local[2,2]")
                    .appName("deeplift-spark-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.ui.showConsoleProgress", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.default.parallelism", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.session.timeZone", "UTC")
                    // Tiny frames: compiling whole-stage code costs more than it saves.
                    .config("spark.sql.codegen.wholeStage", "false")
                    .getOrCreate();
        }
        return spark;
    }

    /** Runs {@code work} in a job group and checks that it started no Spark job. */
    static void assertNoJob(String group, Runnable work) {
        SparkSession s = session();
        s.sparkContext().setJobGroup(group, group, false);
        try {
            work.run();
        } finally {
            s.sparkContext().clearJobGroup();
        }
        assertEquals(0, s.sparkContext().statusTracker().getJobIdsForGroup(group).length,
                "a Spark job ran for " + group);
    }
}
