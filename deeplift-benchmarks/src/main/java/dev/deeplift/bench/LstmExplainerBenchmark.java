package dev.deeplift.bench;

import dev.deeplift.bench.models.SequenceBenchmarkModel;
import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.Methods;
import java.util.concurrent.TimeUnit;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
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
 * The question: what does explaining a recurrent network cost, compared with DL4J's own gradient on the same
 * network in the same run?
 *
 * <p>The goal: DeepLIFT Rescale at most 1.5 × DL4J's {@code computeGradientAndScore} (a training step's forward
 * and backward with every weight gradient). Rescale runs the cell over input and reference rows together (one
 * matrix product per step), keeps every gate and state, computes each nonlinearity's multiplier factors in bulk,
 * then runs back through time with the Linear, nonlinear and product rules; it computes no weight gradients, but
 * its reference rows and its rules (a midpoint per product, a slope per gate) add elementwise work that a gradient
 * does not have. RevealCancel adds the positive and negative parts of every gate and the cell state.
 *
 * <p>Models ({@link SequenceBenchmarkModel}): an LSTM of 128 units over 32 features and a text classifier
 * (embedding of 64 + LSTM of 128), both reading T = 100 steps and classifying from the last one; one target per
 * example, one all-zero (or token-0) reference shared by the batch. Every method returns its result so the JIT
 * cannot drop the work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8G",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G"})
@State(Scope.Benchmark)
public class LstmExplainerBenchmark {
    /** Seed of the inputs; labels use the next seed. */
    private static final long DATA_SEED = 42;

    /** The network and its kind of data. */
    @Param({"LSTM", "TEXT"})
    public SequenceBenchmarkModel model;

    /** Examples per call. */
    @Param({"32", "256"})
    public int batch;

    /** Time steps per sequence. */
    @Param({"100"})
    public int steps;

    private MultiLayerNetwork net;
    private INDArray input;
    private INDArray labels;
    private INDArray reference;
    private int[] targets;
    private Explainer rescale;
    private Explainer revealCancel;

    /** Builds the network, the data and the explainers (converting the network is not what is measured). */
    @Setup(Level.Trial)
    public void setUp() {
        net = model.network();
        input = model.inputs(batch, steps, DATA_SEED);
        labels = model.labels(batch, DATA_SEED + 1);
        reference = model.zeroReference(steps);
        targets = model.targets(batch);
        rescale = Methods.deepLift(net, Rule.RESCALE);
        revealCancel = Methods.deepLift(net, Rule.REVEAL_CANCEL);
    }

    /** DL4J inference: one forward pass. */
    @Benchmark
    public INDArray dl4jOutput() {
        return net.output(input);
    }

    /** DL4J's training-step gradient: forward, loss, backward through time with every weight gradient. */
    @Benchmark
    public Gradient dl4jComputeGradientAndScore() {
        net.setInput(input);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.gradient();
    }

    /** DeepLIFT Rescale, one target per example, shared reference. */
    @Benchmark
    public Attribution rescale() {
        return rescale.explain(input, reference, targets);
    }

    /** DeepLIFT RevealCancel, one target per example, shared reference. */
    @Benchmark
    public Attribution revealCancel() {
        return revealCancel.explain(input, reference, targets);
    }

    /*
     * How to run (from the repository root):
     *
     *   mvn -q -B -Pbench package -pl deeplift-benchmarks -am -DskipTests
     *   java -jar deeplift-benchmarks/target/benchmarks.jar LstmExplainerBenchmark
     *   java -jar deeplift-benchmarks/target/benchmarks.jar LstmExplainerBenchmark -f 1 -wi 1 -w 2s -i 3 -r 2s
     */

    /** Runs this benchmark with its declared defaults. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(LstmExplainerBenchmark.class.getSimpleName()).build()).run();
    }
}
