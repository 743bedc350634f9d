package dev.deeplift.bench;

import dev.deeplift.bench.models.BenchmarkModels;
import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import java.util.concurrent.TimeUnit;
import org.bytedeco.javacpp.Pointer;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
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
 * The question: what is the fixed cost of one call, the time that does not depend on the network's size? Measured
 * on a network that does almost no arithmetic: one output layer 10 → 3 ({@link BenchmarkModels#oneLayer()}) and,
 * with {@code -p layers=2}, 10 → dense 10 ReLU → 3 ({@link BenchmarkModels#twoLayers()}), FLOAT, batch 1.
 *
 * <p>The goal (issue 21): a DeepLIFT Rescale call on the one-layer network below 0.3 ms. What it compares:
 * {@code rescale} ({@link DeepLift#of(MultiLayerNetwork)}, one fixed target, a shared all-zero reference),
 * {@code dl4jCalculateGradients} (forward, loss and backward to the input) and {@code dl4jOutput} (inference).
 * At this size each ND4J op and each array (views included) costs 10-40 µs of bookkeeping, so the figures count
 * the ops and arrays a call makes far more than the arithmetic.
 *
 * <p>This class forks with {@code -Dorg.bytedeco.javacpp.maxphysicalbytes=12G}, the setting of every other
 * benchmark. With a limit above 0, JavaCPP reads {@code /proc/self/statm} on every native allocation (every
 * ND4J array and shape buffer): about 18 % of a batch-1 call in the speed study. {@link NoPhysicalLimit} runs the
 * same methods in a JVM started with {@code maxphysicalbytes=0} (no such read); select both with the pattern
 * {@code CallOverhead}. Each trial prints JavaCPP's limit, so the output shows which setting a fork ran with.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8G",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G"})
@State(Scope.Benchmark)
public class CallOverheadBenchmark {
    /** Seed of the input and labels. */
    private static final long DATA_SEED = 42;

    /** The explained output unit. */
    static final int TARGET = 1;

    /** Number of layers: 1 (output layer 10 → 3) or 2 (dense 10 → 10 ReLU first). */
    @Param({"1", "2"})
    public int layers;

    MultiLayerNetwork net;
    INDArray input;
    INDArray labels;
    INDArray zeroReference;
    DeepLift explainer;

    /** Builds the network, one example, its label and the explainer (not measured). */
    @Setup(Level.Trial)
    public void setUp() {
        net = switch (layers) {
            case 1 -> BenchmarkModels.oneLayer();
            case 2 -> BenchmarkModels.twoLayers();
            default -> throw new IllegalArgumentException("layers must be 1 or 2: " + layers);
        };
        Nd4j.getRandom().setSeed(DATA_SEED);
        input = Nd4j.rand(DataType.FLOAT, 1, 10);
        labels = Nd4j.zeros(DataType.FLOAT, 1, 3).putScalar(0, TARGET, 1);
        zeroReference = Nd4j.zeros(DataType.FLOAT, 1, 10);
        explainer = DeepLift.of(net);
    }

    /** Prints the forked JVM's JavaCPP limit, so the output shows which variant ran (0: no statm reads). */
    @Setup(Level.Trial)
    public void reportPhysicalLimit() {
        System.out.println("JavaCPP maxPhysicalBytes = " + Pointer.maxPhysicalBytes());
    }

    /** DeepLIFT Rescale of one example, one target, shared all-zero reference. */
    @Benchmark
    public Attribution rescale() {
        return explainer.explain(input, zeroReference, TARGET);
    }

    /** DL4J's gradient to the input: forward, loss, backward with every weight gradient. */
    @Benchmark
    public Pair<Gradient, INDArray> dl4jCalculateGradients() {
        return net.calculateGradients(input, labels, null, null);
    }

    /** DL4J inference: one forward pass. */
    @Benchmark
    public INDArray dl4jOutput() {
        return net.output(input);
    }

    /**
     * The same benchmarks in a JVM started with {@code -Dorg.bytedeco.javacpp.maxphysicalbytes=0}: JavaCPP no
     * longer reads the process's resident memory on every native allocation (and no longer forces a GC when it
     * passes a limit; {@code maxbytes} still bounds the bytes JavaCPP tracks).
     */
    @Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8G",
        "-Dorg.bytedeco.javacpp.maxphysicalbytes=0"})
    public static class NoPhysicalLimit extends CallOverheadBenchmark {
    }

    /*
     * How to run (from the repository root; see deeplift-benchmarks/BENCHMARKS.md):
     *
     *   mvn -q -B -Pbench package -pl deeplift-benchmarks -am -DskipTests
     *   java -jar deeplift-benchmarks/target/benchmarks.jar CallOverhead -rf json -rff overhead.json
     */

    /** Runs both variants with their declared defaults. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include("CallOverhead").build()).run();
    }
}
