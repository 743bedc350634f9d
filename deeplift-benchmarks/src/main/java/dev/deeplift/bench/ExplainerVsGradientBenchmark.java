package dev.deeplift.bench;

import dev.deeplift.bench.models.BenchmarkModel;
import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.Methods;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * The question: what does explaining a batch cost, per model and batch size, compared with what DL4J itself pays
 * for one forward pass and for one gradient?
 *
 * <p>The goal (see the performance notes): DeepLIFT Rescale is one forward pass over input and reference plus one
 * backward pass of multipliers with no weight gradients, so it should cost no more than DL4J's own gradient, which
 * also computes every weight gradient. RevealCancel adds the positive/negative split; per-example references add
 * N reference rows to the forward pass where a shared one adds a single row; integrated gradients with 50 steps
 * costs about 51 gradient passes by construction.
 *
 * <p>DL4J's baselines sit in this class, so one run gives every ratio: {@code dl4jOutput} (inference forward),
 * {@code dl4jCalculateGradients} (forward, loss and backward down to the input, the gradient an explainer is
 * compared with) and {@code dl4jComputeGradientAndScore} (the training step's forward and backward). The network
 * is built once per trial from a fixed seed; every method returns its result so the JIT cannot drop the work.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g", "-Dorg.bytedeco.javacpp.maxbytes=8G",
    "-Dorg.bytedeco.javacpp.maxphysicalbytes=12G"})
@State(Scope.Benchmark)
public class ExplainerVsGradientBenchmark {
    /** Seed of the inputs; per-example references and labels use the next seeds. */
    private static final long DATA_SEED = 42;

    /** The network (and its kind of data). */
    @Param({"MLP", "CNN", "CONV1D"})
    public BenchmarkModel model;

    /** Examples per call. */
    @Param({"1", "32", "256"})
    public int batch;

    private MultiLayerNetwork net;
    private INDArray input;
    private INDArray labels;
    private INDArray zeroReference;
    private INDArray perExampleReferences;
    private int[] targets;
    private Explainer rescale;
    private Explainer revealCancel;
    private Explainer integratedGradients50;
    private DeepShap deepShap;
    private Reference tenBackgroundSamples;

    /** Builds the network, the data and the explainers (converting the network is not what is measured). */
    @Setup(Level.Trial)
    public void setUp() {
        net = model.network();
        input = model.inputs(batch, DATA_SEED);
        perExampleReferences = model.inputs(batch, DATA_SEED + 1);
        labels = model.labels(batch, DATA_SEED + 2);
        zeroReference = model.zeroReference();
        targets = model.targets(batch);
        rescale = Methods.deepLift(net, Rule.RESCALE);
        revealCancel = Methods.deepLift(net, Rule.REVEAL_CANCEL);
        integratedGradients50 = Methods.integratedGradients(net, 50);
        deepShap = DeepShap.of(Methods.deepLift(net, Rule.RESCALE));
        tenBackgroundSamples = Reference.background(model.inputs(10, DATA_SEED + 3));
    }

    // The baselines: what DL4J pays for inference and for a gradient.

    /** DL4J inference: one forward pass. */
    @Benchmark
    public INDArray dl4jOutput() {
        return net.output(input);
    }

    /** DL4J's gradient down to the input: forward, loss, backward with every weight gradient. */
    @Benchmark
    public Pair<Gradient, INDArray> dl4jCalculateGradients() {
        return net.calculateGradients(input, labels, null, null);
    }

    /** DL4J's training-step gradient: forward, loss, backward with every weight gradient. */
    @Benchmark
    public Gradient dl4jComputeGradientAndScore() {
        // Setting input and labels only stores references; it is part of what a caller of this API pays.
        net.setInput(input);
        net.setLabels(labels);
        net.computeGradientAndScore();
        return net.gradient();
    }

    // The explainers, each explaining one target per example.

    /** DeepLIFT Rescale with one all-zero reference {@code [1, ...]} shared by the batch. */
    @Benchmark
    public Attribution rescale() {
        return rescale.explain(input, zeroReference, targets);
    }

    /** DeepLIFT Rescale with a reference per example: N reference rows in the forward pass instead of one. */
    @Benchmark
    public Attribution rescalePerExampleReference() {
        return rescale.explain(input, perExampleReferences, targets);
    }

    /** DeepLIFT RevealCancel, shared all-zero reference. */
    @Benchmark
    public Attribution revealCancel() {
        return revealCancel.explain(input, zeroReference, targets);
    }

    /**
     * DeepSHAP: Rescale averaged over 10 background samples per example. The background is shared, so from 32
     * examples on the examples go forward once and the ten samples together, then one backward pass per sample.
     */
    @Benchmark
    public Attribution deepShap10() {
        return deepShap.explain(input, tenBackgroundSamples, targets);
    }

    /** Integrated gradients, 50 midpoint steps, shared all-zero reference, 256 rows per gradient call. */
    @Benchmark
    public Attribution integratedGradients50() {
        return integratedGradients50.explain(input, zeroReference, targets);
    }

    /*
     * How to run (from the repository root; see deeplift-benchmarks/BENCHMARKS.md):
     *
     *   mvn -q -B -Pbench package -pl deeplift-benchmarks -am -DskipTests
     *   java -jar deeplift-benchmarks/target/benchmarks.jar ExplainerVsGradientBenchmark \
     *       -prof gc -rf json -rff results.json
     *   java -cp deeplift-benchmarks/target/benchmarks.jar dev.deeplift.bench.report.BenchmarkReport \
     *       results.json results.md
     *
     * or run this main from an IDE.
     */

    /** Runs this benchmark with its declared defaults. */
    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(ExplainerVsGradientBenchmark.class.getSimpleName()).build()).run();
    }
}
