package dev.deeplift.spark.bench;

import java.util.Iterator;
import java.util.SplittableRandom;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The measured rows: 784 pixels uniform in [0, 1), row {@code id}'s drawn from its own seed, so Spark makes them in
 * its tasks (a 100,000-row frame never sits on the driver) and the single-JVM run makes the same ones.
 */
final class BenchRows implements MapPartitionsFunction<Long, Row> {
    private static final long serialVersionUID = 1L;
    static final int WIDTH = 784;
    static final StructType SCHEMA = new StructType().add("id", DataTypes.LongType, false)
            .add("features", DataTypes.createArrayType(DataTypes.FloatType, false), false);

    /** Row {@code id}'s pixels. */
    static float[] pixels(long id) {
        SplittableRandom r = new SplittableRandom(0x5EED_0000L + id);
        float[] x = new float[WIDTH];
        for (int j = 0; j < WIDTH; j++) {
            x[j] = (float) r.nextDouble();
        }
        return x;
    }

    /** Rows {@code 0..n-1} in {@code partitions} partitions, made where they are read. */
    static Dataset<Row> frame(SparkSession spark, long n, int partitions) {
        return spark.range(0, n, 1, partitions).as(Encoders.LONG()).mapPartitions(new BenchRows(),
                Encoders.row(SCHEMA));
    }

    @Override
    public Iterator<Row> call(Iterator<Long> ids) {
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return ids.hasNext();
            }

            @Override
            public Row next() {
                long id = ids.next();
                return RowFactory.create(id, pixels(id));
            }
        };
    }

    /** Rows {@code from..to-1} as one flat array, for the single-JVM run. */
    static float[] block(long from, long to) {
        float[] flat = new float[Math.toIntExact((to - from) * WIDTH)];
        for (long id = from; id < to; id++) {
            System.arraycopy(pixels(id), 0, flat, (int) ((id - from) * WIDTH), WIDTH);
        }
        return flat;
    }
}
