package dev.deeplift.spark;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * A batch job: reads Parquet, adds the {@link DeepLiftTransformer}'s columns to every row, writes Parquet.
 *
 * <pre>
 * spark-submit --class dev.deeplift.spark.ExplainJob app.jar --model hdfs:///m.zip --input in/ --output out/
 * mvn -q -B package -DskipTests -pl deeplift-spark -am -Pspark-job        (the demo, on local[*])
 * </pre>
 *
 * <p>Under spark-submit the master is Spark's; otherwise {@code local[*]} unless {@code --master} says. With
 * {@code --demo} it first makes its own network and data ({@link SparkDemo}) in the {@code --output} folder.
 */
public final class ExplainJob {
    private static final Set<String> FLAGS = Set.of("demo", "help");
    private static final Set<String> OPTIONS = Set.of("model", "input", "output", "input-col", "input-shape",
            "target", "target-col", "rule", "reference-col", "background", "shuffled-references", "seed",
            "batch-size", "scores-type", "mode", "master");

    private ExplainJob() {
    }

    /** Runs the job on its own session (stopped at the end); exits with 2 on a usage error. */
    public static void main(String[] args) {
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (o.containsKey("help")) {
            System.out.println(usage());
            return;
        }
        SparkSession.Builder b = SparkSession.builder().appName("deeplift-explain");
        // spark-submit passes the master as the system property spark.master; a plain java run gets local[*].
        if (o.containsKey("master") || System.getProperty("spark.master") == null) {
            b.master(o.getOrDefault("master", "local[*]"));
        }
        SparkSession spark = b.getOrCreate();
        try {
            run(spark, o);
        } finally {
            spark.stop();
        }
    }

    /** The job on a given session, which is left running (tests share one). */
    public static void run(SparkSession spark, String... args) {
        run(spark, parse(args));
    }

    private static void run(SparkSession spark, Map<String, String> o) {
        if (!o.containsKey("output")) {
            throw new IllegalArgumentException("missing --output\n" + usage());
        }
        if (o.containsKey("demo")) {
            SparkDemo.run(spark, o.get("output"), o);
            return;
        }
        for (String required : new String[] {"model", "input"}) {
            if (!o.containsKey(required)) {
                throw new IllegalArgumentException("missing --" + required + "\n" + usage());
            }
        }
        long start = System.nanoTime();
        Dataset<Row> in = spark.read().parquet(o.get("input"));
        Dataset<Row> out = transformer(spark, o).transform(in);
        out.write().mode(o.getOrDefault("mode", "errorifexists")).parquet(o.get("output"));
        Dataset<Row> written = spark.read().parquet(o.get("output"));
        String errorCol = "error";
        Row summary = written.agg(functions.count(functions.lit(1)),
                functions.count(functions.col(errorCol)),
                functions.max("summation_error")).first();
        System.out.printf("explained %d rows of %s (%d with an error) in %.1f s: %s; max summation error %s%n",
                summary.getLong(0), o.get("input"), summary.getLong(1), (System.nanoTime() - start) / 1e9,
                o.get("output"), summary.isNullAt(2) ? "-" : String.format("%.3g", summary.getDouble(2)));
    }

    /** The transformer the options describe. */
    static DeepLiftTransformer transformer(SparkSession spark, Map<String, String> o) {
        DeepLiftTransformer t = new DeepLiftTransformer()
                .setModelPath(o.get("model"))
                .setInputCol(o.getOrDefault("input-col", "features"));
        if (o.containsKey("input-shape")) {
            t.setInputShape(longs(o.get("input-shape"), "--input-shape"));
        }
        if (o.containsKey("target")) {
            t.setTarget(o.get("target"));
        }
        if (o.containsKey("target-col")) {
            t.setTargetCol(o.get("target-col"));
        }
        if (o.containsKey("rule")) {
            t.setRule(o.get("rule"));
        }
        if (o.containsKey("reference-col")) {
            t.setReferenceCol(o.get("reference-col"));
        }
        if (o.containsKey("background")) {
            t.setBackground(background(spark, o.get("background"), t.getInputCol()));
        }
        if (o.containsKey("shuffled-references")) {
            t.setShuffledReferences(integer(o.get("shuffled-references"), "--shuffled-references"),
                    Long.parseLong(o.getOrDefault("seed", "0")));
        }
        if (o.containsKey("batch-size")) {
            t.setBatchSize(integer(o.get("batch-size"), "--batch-size"));
        }
        if (o.containsKey("scores-type")) {
            t.setScoresType(o.get("scores-type"));
        }
        return t;
    }

    /** The rows of a Parquet file's input column, collected on the driver (a background is small). */
    private static double[][] background(SparkSession spark, String path, String column) {
        Dataset<Row> rows = spark.read().parquet(path);
        InputKind kind = InputKind.of(rows.schema().apply(column).dataType());
        if (kind == null) {
            throw new IllegalArgumentException("--background " + path + ": column '" + column + "' is not a "
                    + InputKind.ACCEPTED);
        }
        List<Row> all = rows.select(column).collectAsList();
        double[][] out = new double[all.size()][];
        for (int i = 0; i < out.length; i++) {
            Row r = all.get(i);
            int width = r.isNullAt(0) ? 0 : r.get(0) instanceof org.apache.spark.ml.linalg.Vector v ? v.size()
                    : ((scala.collection.Seq<?>) r.get(0)).length();
            out[i] = kind.read(r, 0, "background row " + i, width);
        }
        return out;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String name = a.startsWith("--") ? a.substring(2) : "";
            if (FLAGS.contains(name)) {
                o.put(name, "true");
            } else if (OPTIONS.contains(name) && i + 1 < args.length) {
                o.put(name, args[++i]);
            } else {
                throw new IllegalArgumentException((OPTIONS.contains(name) ? "missing the value of '" + a + "'"
                        : "unknown argument '" + a + "'") + "\n" + usage());
            }
        }
        return o;
    }

    private static long[] longs(String csv, String option) {
        try {
            String[] parts = csv.split(",");
            long[] v = new long[parts.length];
            for (int i = 0; i < parts.length; i++) {
                v[i] = Long.parseLong(parts[i].trim());
            }
            return v;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be sizes separated by commas, e.g. 1,28,28; got '"
                    + csv + "'");
        }
    }

    private static int integer(String value, String option) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " must be a whole number; got '" + value + "'");
        }
    }

    static String usage() {
        return String.join("\n",
                "usage: ExplainJob --model PATH --input PATH --output PATH [options]",
                "       ExplainJob --demo --output DIR",
                "  --model PATH               a DL4J ModelSerializer zip, on any Hadoop file system",
                "  --input PATH               Parquet rows; --output PATH gets them with the result columns",
                "  --input-col NAME           the input column (default features): vector, array<float|double>",
                "  --input-shape 1,28,28      one example's shape (default: the network's input type)",
                "  --target predicted|UNIT    the unit explained for every row (default predicted)",
                "  --target-col NAME          an integer column of each row's unit instead",
                "  --rule NAME                rescale (default), reveal-cancel, genomics or gradient",
                "  --reference-col NAME       each row's reference (default: all zeros)",
                "  --background PATH          Parquet rows (the input column) to average over (DeepSHAP)",
                "  --shuffled-references N    N dinucleotide-shuffled references per one-hot row (DeepSHAP);"
                        + " --seed S",
                "  --batch-size N             rows per call to the explainer (default 512)",
                "  --scores-type float|double the scores' element type (default float)",
                "  --mode errorifexists|overwrite   what to do when the output exists (default errorifexists)",
                "  --master URL               outside spark-submit (default local[*])",
                "  --demo                     make a network and data in --output DIR first, then explain them");
    }
}
