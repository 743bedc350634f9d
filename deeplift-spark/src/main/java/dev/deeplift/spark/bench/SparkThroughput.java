package dev.deeplift.spark.bench;

import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.spark.DeepLiftTransformer;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Rows per second of {@link DeepLiftTransformer} on a local Spark against the single-JVM explainer
 * ({@code DeepLift.explainPredicted} on the same rows, model and machine), with the peak memory of each run. Not a
 * test: a measurement, run by hand.
 *
 * <pre>
 * mvn -q -B package -DskipTests -pl deeplift-spark -am -Pspark-job \
 *     -Dspark.main=dev.deeplift.spark.bench.SparkThroughput -Dexplain.args="--model both"
 * </pre>
 *
 * <p>Each run is its own JVM (started by this one with the same flags and class path), so that the number of
 * OpenMP threads can be set before ND4J starts: the single JVM as one machine would run it (all cores) and with one
 * thread; Spark with one OpenMP thread per task slot ({@code local[1]}, {@code local[2]}), as an executor whose
 * task slots fill its cores should run; and Spark making and dropping the same rows without the explainer, which is
 * Spark's own share. Timings exclude start-up: each run first explains a few rows (network read, code compiled).
 * Spark's figures include making the rows in its tasks (a few microseconds a row).
 *
 * <p>Each run is timed {@code --reps} times over the same rows (the first pass also finishes warming up the JIT
 * compiler) and reports its fastest pass, with two CPU times per row in that pass: the whole process's (JIT, GC and
 * Spark's service threads included) and the working threads' alone (the calling thread of the one-thread single JVM,
 * Spark's task threads from its task metrics). On a busy machine the wall-clock rate depends on what else runs; the
 * working threads' CPU time per row tells Spark's own per-row cost apart from the explainer's.
 *
 * <p>Options: {@code --model cnn|mlp|both} (default both), {@code --rows N} (default 8192), {@code --reps N}
 * (default 3), {@code --big-rows N} (one CNN run on local[2] with N rows, one pass, default 100000; 0 for none),
 * {@code --xmx SIZE} (each run's heap, default 2g), {@code --interleave N} (instead of the table: N rounds of the
 * single JVM with all cores and Spark {@code local[2]} on the CNN, one after the other, so that a changing load on a
 * shared machine hits both alike; prints each round's ratio and the median).
 */
public final class SparkThroughput {
    private static final int WARM_UP_ROWS = 1024;
    /** Rows per call in the single JVM: the transformer's default batch, so both call the library alike. */
    private static final int SINGLE_BLOCK = DeepLift.DEFAULT_CHUNK_SIZE;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SparkThroughput() {
    }

    /** The measurement: child runs, then a table. */
    public static void main(String[] args) throws Exception {
        Map<String, String> o = options(args);
        if (o.containsKey("child")) {
            child(o);
            return;
        }
        List<String> models = o.getOrDefault("model", "both").equals("both") ? List.of("cnn", "mlp")
                : List.of(o.get("model"));
        String rows = o.getOrDefault("rows", "8192");
        long big = Long.parseLong(o.getOrDefault("big-rows", "100000"));
        int cores = Runtime.getRuntime().availableProcessors();
        int rounds = Integer.parseInt(o.getOrDefault("interleave", "0"));
        if (rounds > 0) {
            interleave(o, rows, rounds);
            return;
        }
        System.out.printf("%d cores, load average %.1f at the start%n", cores,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        List<Map<String, String>> results = new ArrayList<>();
        for (String model : models) {
            results.add(run(o, "single", model, "-", "", rows));
            results.add(run(o, "single", model, "-", "1", rows));
            results.add(run(o, "spark", model, "local[1]", "1", rows));
            results.add(run(o, "spark", model, "local[2]", "1", rows));
        }
        results.add(run(o, "rows", "-", "local[2]", "1", rows));
        if (big > 0) {
            results.add(run(o, "spark", "cnn", "local[2]", "1", Long.toString(big)));
        }
        System.out.printf("load average %.1f at the end%n%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        System.out.println("| run | model | rows | OpenMP threads | rows/s | vs the faster single JVM "
                + "| process CPU µs/row | working threads' CPU µs/row | peak live heap MB | peak RSS MB |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|");
        for (Map<String, String> r : results) {
            // The single JVM's best on this machine: all cores, or one OpenMP thread where the cores are busy.
            double base = results.stream().filter(b -> b.get("mode").equals("single")
                    && b.get("model").equals(r.get("model")))
                    .mapToDouble(b -> Double.parseDouble(b.get("rowsPerSec"))).max().orElse(Double.NaN);
            double rate = Double.parseDouble(r.get("rowsPerSec"));
            String ratio = Double.isNaN(base) ? "" : String.format(Locale.ROOT, "%.2f", rate / base);
            String what = switch (r.get("mode")) {
                case "single" -> "single JVM, DeepLift.explainPredicted";
                case "rows" -> "Spark " + r.get("master") + ", rows made and dropped, no explainer";
                default -> "Spark " + r.get("master") + ", DeepLiftTransformer";
            };
            System.out.printf(Locale.ROOT, "| %s | %s | %s | %s | %.0f | %s | %s | %s | %s | %s |%n", what,
                    r.get("model"), r.get("rows"), r.get("omp"), rate, ratio, r.get("cpuMicrosPerRow"),
                    r.get("omp").equals("default") && r.get("mode").equals("single") ? "–"
                            : r.get("workMicrosPerRow"),
                    r.get("heapMb"), r.get("rssMb"));
        }
    }

    /** Rounds of the single JVM (all cores) then Spark local[2] on the CNN; each round's ratio and the median. */
    private static void interleave(Map<String, String> o, String rows, int rounds) throws Exception {
        List<Double> ratios = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            double single = Double.parseDouble(run(o, "single", "cnn", "-", "", rows).get("rowsPerSec"));
            double spark = Double.parseDouble(run(o, "spark", "cnn", "local[2]", "1", rows).get("rowsPerSec"));
            ratios.add(spark / single);
            System.out.printf(Locale.ROOT, "round %d: single JVM %.0f rows/s, Spark local[2] %.0f rows/s, ratio %.2f, "
                    + "load average %.1f%n", r + 1, single, spark, spark / single,
                    ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
        List<Double> sorted = ratios.stream().sorted().toList();
        System.out.printf(Locale.ROOT, "Spark local[2] / single JVM on the CNN: median %.2f, range %.2f..%.2f over %d "
                + "rounds%n", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1), rounds);
    }

    /** Starts one measurement in its own JVM and returns its result. */
    private static Map<String, String> run(Map<String, String> o, String mode, String model, String master,
                                           String omp, String rows) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(new File(System.getProperty("java.home"), "bin/java").getPath());
        for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (!a.startsWith("-Xmx") && !a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
                cmd.add(a);
            }
        }
        cmd.add("-Xmx" + o.getOrDefault("xmx", "2g"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(SparkThroughput.class.getName());
        String reps = Long.parseLong(rows) > 20_000 ? "1" : o.getOrDefault("reps", "3");
        cmd.addAll(List.of("--child", mode, "--model", model, "--master", master, "--rows", rows, "--reps", reps));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (omp.isEmpty()) {
            pb.environment().remove("OMP_NUM_THREADS");
        } else {
            pb.environment().put("OMP_NUM_THREADS", omp);
        }
        pb.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        System.out.printf("running %s %s %s OMP_NUM_THREADS=%s rows=%s%n", mode, model, master,
                omp.isEmpty() ? "(default)" : omp, rows);
        Process p = pb.start();
        Map<String, String> result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.startsWith("RESULT ")) {
                    result = new LinkedHashMap<>();
                    for (String kv : line.substring(7).split(" ")) {
                        String[] parts = kv.split("=", 2);
                        result.put(parts[0], parts[1]);
                    }
                    System.out.println("  " + line);
                } else if (line.contains("Exception") || line.contains("ERROR")) {
                    System.out.println("  " + line);
                }
            }
        }
        if (p.waitFor() != 0 || result == null) {
            throw new IllegalStateException("the run " + mode + " " + model + " " + master + " failed (exit "
                    + p.exitValue() + ")");
        }
        result.put("omp", omp.isEmpty() ? "default" : omp);
        return result;
    }

    private static void child(Map<String, String> o) throws Exception {
        String mode = o.get("child");
        String model = o.get("model");
        long rows = Long.parseLong(o.get("rows"));
        int reps = Integer.parseInt(o.get("reps"));
        Pass best;
        try (PeakMemory memory = new PeakMemory()) {
            best = switch (mode) {
                case "single" -> single(model, rows, reps);
                case "spark" -> spark(model, o.get("master"), rows, reps, true);
                case "rows" -> spark("cnn", o.get("master"), rows, reps, false);
                default -> throw new IllegalArgumentException("unknown run " + mode);
            };
            System.out.printf(Locale.ROOT, "RESULT mode=%s model=%s master=%s rows=%d seconds=%.2f rowsPerSec=%.1f "
                    + "cpuMicrosPerRow=%.0f workMicrosPerRow=%.0f heapMb=%d rssMb=%d%n", mode, model, o.get("master"),
                    rows, best.seconds, rows / best.seconds, best.cpuSeconds / rows * 1e6,
                    best.workSeconds / rows * 1e6, memory.peakLiveHeapMb(), PeakMemory.peakResidentMb());
        }
    }

    /** One timed pass: wall-clock seconds, process CPU seconds and the working threads' CPU seconds. */
    private record Pass(double seconds, double cpuSeconds, double workSeconds) {
        static Pass faster(Pass a, Pass b) {
            return a == null || b.seconds < a.seconds ? b : a;
        }
    }

    /** This process's CPU time so far, in seconds (all threads). */
    private static double cpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** The fastest pass of one explainer in this JVM over the rows, made in blocks outside the timing. */
    private static Pass single(String model, long rows, int reps) {
        MultiLayerNetwork net = BenchNetworks.of(model);
        long[] shape = BenchNetworks.shape(model);
        DeepLift explainer = DeepLift.of(net);
        INDArray zero = Nd4j.zeros(DataType.FLOAT, batchShape(1, shape));
        explainer.explainPredicted(block(0, WARM_UP_ROWS, shape), zero);
        Pass best = null;
        double sink = 0;
        for (int rep = 0; rep < reps; rep++) {
            long nanos = 0;
            double cpu = 0;
            long work = 0;
            for (long from = 0; from < rows; from += SINGLE_BLOCK) {
                long to = Math.min(rows, from + SINGLE_BLOCK);
                INDArray x = block(from, to, shape);
                double c0 = cpu();
                long w0 = THREADS.getCurrentThreadCpuTime();
                long t0 = System.nanoTime();
                sink += explainer.explainPredicted(x, zero).deltas().getDouble(0);
                nanos += System.nanoTime() - t0;
                work += THREADS.getCurrentThreadCpuTime() - w0;
                cpu += cpu() - c0;
            }
            best = Pass.faster(best, new Pass(nanos / 1e9, cpu, work / 1e9));
        }
        if (Double.isNaN(sink)) {
            System.out.println("NaN delta");
        }
        return best;
    }

    /** The fastest pass of Spark making the rows and explaining them (or only making them), to the noop sink. */
    private static Pass spark(String model, String master, long rows, int reps, boolean explain) throws IOException {
        File dir = Files.createTempDirectory("spark-throughput").toFile();
        File zip = new File(dir, model + ".zip");
        ModelSerializer.writeModel(BenchNetworks.of(model), zip, false);
        SparkSession spark = SparkSession.builder().master(master).appName("deeplift-spark-throughput")
                .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
                .getOrCreate();
        AtomicLong taskCpuNanos = new AtomicLong();
        AtomicLong tasksEnded = new AtomicLong();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.taskMetrics() != null) {
                    taskCpuNanos.addAndGet(end.taskMetrics().executorCpuTime());
                }
                tasksEnded.incrementAndGet();
            }
        });
        try {
            int slots = spark.sparkContext().defaultParallelism();
            DeepLiftTransformer t = new DeepLiftTransformer().setModelPath(zip.getPath()).setInputCol("features")
                    .setInputShape(BenchNetworks.shape(model));
            sink(explain ? t.transform(BenchRows.frame(spark, WARM_UP_ROWS, slots))
                    : BenchRows.frame(spark, WARM_UP_ROWS, slots));
            int partitions = (int) Math.max(2L * slots, (rows + 2047) / 2048);
            Dataset<Row> frame = BenchRows.frame(spark, rows, partitions);
            Pass best = null;
            for (int rep = 0; rep < reps; rep++) {
                awaitTasks(tasksEnded, 0);
                taskCpuNanos.set(0);
                tasksEnded.set(0);
                double c0 = cpu();
                long t0 = System.nanoTime();
                sink(explain ? t.transform(frame) : frame);
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpu = cpu() - c0;
                // Task metrics reach the listener shortly after the job ends.
                awaitTasks(tasksEnded, partitions);
                best = Pass.faster(best, new Pass(seconds, cpu, taskCpuNanos.getAndSet(0) / 1e9));
            }
            return best;
        } finally {
            spark.stop();
            for (File f : dir.listFiles()) {
                f.delete();
            }
            dir.delete();
        }
    }

    /** Waits (at most 10 s) until the listener has seen {@code tasks} task ends; then a moment for stragglers. */
    private static void awaitTasks(AtomicLong ended, long tasks) {
        long deadline = System.nanoTime() + 10_000_000_000L;
        try {
            while (ended.get() < tasks && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sink(Dataset<Row> d) {
        d.write().format("noop").mode("overwrite").save();
    }

    private static INDArray block(long from, long to, long[] shape) {
        return Nd4j.create(BenchRows.block(from, to), batchShape(to - from, shape), 'c');
    }

    private static long[] batchShape(long n, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("unexpected '" + args[i] + "'");
            }
            o.put(args[i].substring(2), args[i + 1]);
        }
        return o;
    }
}
