package dev.deeplift.bench;

import dev.deeplift.bench.models.AttentionEncoder;
import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The question: what does explaining a transformer-style encoder ({@link AttentionEncoder}) cost, next to DL4J's own
 * training-step gradient of the same graph in the same run? The goal: DeepLIFT Rescale within 2× of
 * {@code computeGradientAndScore}. Rescale on attention is a forward pass over input and reference (the softmax
 * decomposed into exponential, sum, reciprocal and products) and one backward pass of multipliers, where DL4J runs
 * its SameDiff attention forward and backward with every weight gradient.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8G",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G"})
@State(Scope.Benchmark)
public class AttentionEncoderBenchmark {
    private static final long DATA_SEED = 42;

    /** Examples per call. */
    @Param({"1", "32"})
    public int batch;

    private ComputationGraph graph;
    private INDArray[] inputs;
    private INDArray[] references;
    private INDArray[] labels;
    private DeepLift rescale;
    private DeepLift revealCancel;
    private Target target;

    /** Builds the graph, the data and the explainers (converting the graph is not what is measured). */
    @Setup(Level.Trial)
    public void setUp() {
        DataType dt = DataType.FLOAT;
        graph = AttentionEncoder.graph(dt);
        INDArray positions = AttentionEncoder.positions(dt, batch);
        inputs = new INDArray[] {AttentionEncoder.tokens(dt, batch, DATA_SEED), positions};
        // Token 0 everywhere, the same positions: only the tokens are scored.
        references = new INDArray[] {inputs[0].mul(0), positions};
        labels = new INDArray[] {AttentionEncoder.labels(dt, batch, DATA_SEED + 1)};
        rescale = DeepLift.of(graph).withRule(Rule.RESCALE);
        revealCancel = DeepLift.of(graph).withRule(Rule.REVEAL_CANCEL);
        target = Target.of(0, 1);
    }

    /** DL4J inference: one forward pass. */
    @Benchmark
    public INDArray[] dl4jOutput() {
        return graph.output(inputs);
    }

    /** DL4J's training-step gradient: forward, loss, backward with every weight gradient. */
    @Benchmark
    public Gradient dl4jComputeGradientAndScore() {
        graph.setInputs(inputs);
        graph.setLabels(labels);
        graph.computeGradientAndScore();
        return graph.gradient();
    }

    /** DeepLIFT Rescale, class 1 of every example, against per-example references (token 0, same positions). */
    @Benchmark
    public Attribution rescale() {
        return rescale.explain(inputs, references, target);
    }

    /** DeepLIFT RevealCancel, the same. */
    @Benchmark
    public Attribution revealCancel() {
        return revealCancel.explain(inputs, references, target);
    }

    /*
     * How to run (from the repository root):
     *
     *   mvn -q -B -Pbench package -pl deeplift-benchmarks -am -DskipTests
     *   java -jar deeplift-benchmarks/target/benchmarks.jar AttentionEncoderBenchmark -f 1 -wi 1 -i 3 -w 1s -r 1s
     */

    /** Runs this benchmark with its declared defaults. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(AttentionEncoderBenchmark.class.getSimpleName()).build()).run();
    }
}
