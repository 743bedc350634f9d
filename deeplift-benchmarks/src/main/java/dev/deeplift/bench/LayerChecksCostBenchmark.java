package dev.deeplift.bench;

import dev.deeplift.bench.models.BenchmarkModel;
import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The question: what does the per-node exactness report ({@code withLayerChecks(true)}) cost?
 *
 * <p>The goal: nothing when off (the same explainer without it is the baseline in this class), at most 15 % when on.
 * With it, every node the backward pass crosses also multiplies its output and input multipliers by their deltas
 * and sums them per example: two or three elementwise passes and reductions per node, beside the node's own work.
 *
 * <p>The goal is a ratio of a few percent, below what separate benchmark methods can resolve on a machine whose
 * timings drift by ±30 % between trials. So {@link #alternating} runs both explainers by turns in one loop (the
 * order swapped at every call) and reports the time spent in each as the counters {@code plainNanos} and
 * {@code checkedNanos} (summed over the measured iterations): drift falls on both sides alike, and their ratio is the
 * cost of the report.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 5, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8G",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G"})
@State(Scope.Benchmark)
public class LayerChecksCostBenchmark {
    /** The network (and its kind of data). */
    @Param({"MLP", "CNN", "CONV1D"})
    public BenchmarkModel model;

    /** Examples per call. */
    @Param({"32"})
    public int batch;

    private INDArray input;
    private INDArray zeroReference;
    private int[] targets;
    private DeepLift plain;
    private DeepLift checked;

    /** Builds the network, the data and both explainers. */
    @Setup(Level.Trial)
    public void setUp() {
        MultiLayerNetwork net = model.network();
        input = model.inputs(batch, 42);
        zeroReference = model.zeroReference();
        targets = model.targets(batch);
        plain = DeepLift.of(net);
        checked = plain.withLayerChecks(true);
    }

    /** The baseline: Rescale without the report. */
    @Benchmark
    public Attribution rescale() {
        return plain.explain(input, zeroReference, targets);
    }

    /** The same with the per-node report. */
    @Benchmark
    public Attribution rescaleWithLayerChecks() {
        return checked.explain(input, zeroReference, targets);
    }

    /** Time spent in each explainer during one iteration of {@link #alternating}. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Split {
        /** Nanoseconds in the explainer without the report. */
        public long plainNanos;
        /** Nanoseconds in the explainer with the report. */
        public long checkedNanos;

        /** Starts each iteration afresh. */
        @Setup(Level.Iteration)
        public void clear() {
            plainNanos = 0;
            checkedNanos = 0;
        }
    }

    /** Whether the next call of {@link #alternating} runs the plain explainer first. */
    private boolean plainFirst;

    /** Both explainers by turns (the order swapped every call); the cost is {@code checkedNanos ÷ plainNanos}. */
    @Benchmark
    public void alternating(Split split, Blackhole sink) {
        plainFirst = !plainFirst;
        for (int k = 0; k < 2; k++) {
            boolean usePlain = (k == 0) == plainFirst;
            long start = System.nanoTime();
            sink.consume((usePlain ? plain : checked).explain(input, zeroReference, targets));
            long spent = System.nanoTime() - start;
            if (usePlain) {
                split.plainNanos += spent;
            } else {
                split.checkedNanos += spent;
            }
        }
    }

    /*
     * How to run (from the repository root):
     *
     *   mvn -q -B -Pbench package -pl deeplift-benchmarks -am -DskipTests
     *   java -jar deeplift-benchmarks/target/benchmarks.jar LayerChecksCostBenchmark
     */

    /** Runs this benchmark with its declared defaults. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(LayerChecksCostBenchmark.class.getSimpleName()).build()).run();
    }
}
