package dev.deeplift.bench;

import dev.deeplift.bench.models.BenchmarkModel;
import dev.deeplift.bench.models.SingleExamples;
import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.ThreadParams;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The question: a service explains one example per request with one explainer shared by its request threads;
 * how many explanations per second does it serve, and how long does one request wait (median and tail), with 1,
 * 2 and 8 threads, compared with DL4J's own inference and gradient per example?
 *
 * <p>The service: one {@link DeepLift#of(MultiLayerNetwork)} (Rescale) built once and shared by every thread (the
 * explainer is immutable and thread-safe; each thread gets its own ND4J workspace). Each thread explains one
 * example {@code [1, ...]} at a time, its predicted class, against one all-zero reference shared by all; each
 * thread cycles through its own {@value #EXAMPLES_PER_THREAD} examples drawn from its own seed
 * ({@link SingleExamples}), so threads never explain the same rows. Models: {@code MLP} and {@code CNN}
 * ({@link BenchmarkModel}).
 *
 * <p>The baselines, {@code dl4jOutput*} ({@code output}: inference) and {@code dl4jGradients*}
 * ({@code calculateGradients}: forward, loss and backward to the input), run per example on <em>a clone of the
 * network per thread</em>. A {@code MultiLayerNetwork} cannot be shared here: {@code calculateGradients} stores
 * the input, labels and every layer's activations in the network ({@code setInput}, {@code setLabels}), so two
 * threads would overwrite each other's state; {@code output} is {@code synchronized} on the network, so sharing
 * it would serialize the threads rather than measure them. Per-thread clones are what a DL4J service would use.
 *
 * <p>Thread counts are fixed per method with {@code @Threads} (JMH's thread count is per benchmark method), so
 * one run gives all three: {@code deepLiftThreads1/2/8}, {@code dl4jOutputThreads1/2/8},
 * {@code dl4jGradientsThreads1/2/8}.
 *
 * <p>How to read the two modes (both declared; narrow with {@code -bm thrpt} or {@code -bm sample}):
 * <ul>
 *   <li>{@code thrpt}: requests served per millisecond, summed over the method's threads (the service's
 *       throughput). Going from 1 to 2 threads it should about double on two free cores; past the number of
 *       cores it can only stay level, and a fall means contention (OpenMP threads, allocator, locks).</li>
 *   <li>{@code sample}: the latency of single requests in milliseconds, sampled over all threads. JMH prints
 *       {@code :p0.50} (the median request), {@code :p0.99} (one request in a hundred waits at least this long),
 *       and more percentiles; the score is the mean. With more threads than cores p50 grows by about
 *       threads/cores (requests queue for a core) while the gap from p50 to p99 shows GC pauses and scheduling
 *       jitter.</li>
 * </ul>
 *
 * <p>Run with {@code OMP_NUM_THREADS=1} in the environment (the forked JVM inherits it) when comparing thread
 * counts: otherwise every request thread may start its own OpenMP team and 8 threads oversubscribe the cores.
 * See BENCHMARKS.md, "Serving explanations".
 */
@BenchmarkMode({Mode.Throughput, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8G",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G"})
public class ServiceLatencyBenchmark {
    /** Distinct examples each thread cycles through. */
    public static final int EXAMPLES_PER_THREAD = 64;

    /** Seed of thread 0's examples; thread {@code k} uses {@link #seedOf(int) seedOf(k)}. */
    private static final long DATA_SEED = 42;

    /** The seed of thread {@code threadIndex}'s examples: a different one per thread. */
    public static long seedOf(int threadIndex) {
        return DATA_SEED + 1000L * threadIndex;
    }

    /** What the threads share: the network, its one explainer and the reference. */
    @State(Scope.Benchmark)
    public static class Service {
        /** The network and its kind of data. */
        @Param({"MLP", "CNN"})
        public BenchmarkModel model;

        MultiLayerNetwork net;
        DeepLift explainer;
        INDArray zeroReference;

        /** Builds the network and converts it once (conversion is not what is measured). */
        @Setup(Level.Trial)
        public void setUp() {
            net = model.network();
            explainer = DeepLift.of(net);
            zeroReference = model.zeroReference();
        }
    }

    /** What each request thread owns: its examples and, for the DL4J baselines, its clone of the network. */
    @State(Scope.Thread)
    public static class Client {
        SingleExamples examples;
        MultiLayerNetwork ownNetwork;

        /** Draws this thread's examples from its own seed and clones the network for the baselines. */
        @Setup(Level.Trial)
        public void setUp(Service service, ThreadParams thread) {
            setUp(service, thread.getThreadIndex());
        }

        void setUp(Service service, int threadIndex) {
            examples = SingleExamples.draw(service.model, EXAMPLES_PER_THREAD, seedOf(threadIndex));
            ownNetwork = service.net.clone();
        }
    }

    // DeepLIFT Rescale, one shared explainer, one example per call, its predicted class.

    /** One request thread. */
    @Benchmark
    @Threads(1)
    public Attribution deepLiftThreads1(Service service, Client client) {
        return explain(service, client);
    }

    /** Two request threads sharing the explainer. */
    @Benchmark
    @Threads(2)
    public Attribution deepLiftThreads2(Service service, Client client) {
        return explain(service, client);
    }

    /** Eight request threads sharing the explainer. */
    @Benchmark
    @Threads(8)
    public Attribution deepLiftThreads8(Service service, Client client) {
        return explain(service, client);
    }

    // DL4J inference per example, a network clone per thread.

    /** One thread. */
    @Benchmark
    @Threads(1)
    public INDArray dl4jOutputThreads1(Client client) {
        return output(client);
    }

    /** Two threads. */
    @Benchmark
    @Threads(2)
    public INDArray dl4jOutputThreads2(Client client) {
        return output(client);
    }

    /** Eight threads. */
    @Benchmark
    @Threads(8)
    public INDArray dl4jOutputThreads8(Client client) {
        return output(client);
    }

    // DL4J's gradient to the input per example, a network clone per thread.

    /** One thread. */
    @Benchmark
    @Threads(1)
    public Pair<Gradient, INDArray> dl4jGradientsThreads1(Client client) {
        return gradients(client);
    }

    /** Two threads. */
    @Benchmark
    @Threads(2)
    public Pair<Gradient, INDArray> dl4jGradientsThreads2(Client client) {
        return gradients(client);
    }

    /** Eight threads. */
    @Benchmark
    @Threads(8)
    public Pair<Gradient, INDArray> dl4jGradientsThreads8(Client client) {
        return gradients(client);
    }

    static Attribution explain(Service service, Client client) {
        return service.explainer.explainPredicted(client.examples.advance().input(), service.zeroReference);
    }

    static INDArray output(Client client) {
        return client.ownNetwork.output(client.examples.advance().input());
    }

    static Pair<Gradient, INDArray> gradients(Client client) {
        SingleExamples e = client.examples.advance();
        return client.ownNetwork.calculateGradients(e.input(), e.label(), null, null);
    }

    /*
     * How to run (from the repository root; see deeplift-benchmarks/BENCHMARKS.md):
     *
     *   mvn -q -B -Pbench package -pl deeplift-benchmarks -am -DskipTests
     *   OMP_NUM_THREADS=1 java -jar deeplift-benchmarks/target/benchmarks.jar ServiceLatencyBenchmark \
     *       -rf json -rff service.json
     */

    /** Runs this benchmark with its declared defaults. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ServiceLatencyBenchmark.class.getSimpleName()).build()).run();
    }
}
