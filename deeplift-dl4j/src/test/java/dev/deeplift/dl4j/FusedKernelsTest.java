package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.kernels.Kernels;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The fused kernels (Rescale and RevealCancel on ReLU, cross-max pooling over non-overlapping windows) give bit for
 * bit what the rules' ND4J ops give, signed zeros included, on FLOAT networks, where they run: scores, multipliers,
 * deltas and summation errors, against a shared and against per-example references, with tiny divisors (units where
 * the input equals the reference, exact zeros, an outlier example). The kernels' run count shows that they did run,
 * and where they must not (overlapping pools).
 */
class FusedKernelsTest {

    record Case(String name, Supplier<MultiLayerNetwork> net, long[] shape, int kernelRunsPerCall) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static NeuralNetConfiguration.ListBuilder base() {
        return new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER)
                .biasInit(0.05).list();
    }

    private static OutputLayer out() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3).activation(Activation.SOFTMAX).build();
    }

    private static MultiLayerNetwork init(NeuralNetConfiguration.ListBuilder b) {
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    private static ConvolutionLayer conv(int k, int filters) {
        return new ConvolutionLayer.Builder(k, k).nOut(filters).convolutionMode(ConvolutionMode.Same)
                .activation(Activation.RELU).build();
    }

    private static SubsamplingLayer maxPool(int k, int s) {
        return new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(k, k).stride(s, s).build();
    }

    static Stream<Case> cases() {
        IActivation relu = Activation.RELU.getActivationFunction();
        return Stream.of(
                // Three ReLUs.
                new Case("dense relu mlp", () -> TestNets.mlp(DataType.FLOAT, 21, new int[] {10, 16, 12, 9, 3},
                        new IActivation[] {relu, relu, relu}, Activation.SOFTMAX), new long[] {10}, 3),
                // Two ReLUs, two pools.
                new Case("cnn, max pool 2x2 stride 2, twice", () -> init(base().layer(conv(3, 4)).layer(maxPool(2, 2))
                        .layer(conv(3, 5)).layer(maxPool(2, 2))
                        .layer(new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build()).layer(out())
                        .setInputType(InputType.convolutional(8, 8, 2))), new long[] {2, 8, 8}, 5),
                new Case("cnn, 9x7 input: a 2x2 pool leaves a row and a column over", () -> init(base()
                        .layer(conv(3, 3)).layer(maxPool(2, 2)).layer(out())
                        .setInputType(InputType.convolutional(9, 7, 1))), new long[] {1, 9, 7}, 2),
                new Case("cnn, 3x3 pool stride 3 on 9x9", () -> init(base()
                        .layer(conv(2, 3)).layer(maxPool(3, 3)).layer(out())
                        .setInputType(InputType.convolutional(9, 9, 2))), new long[] {2, 9, 9}, 2),
                // Overlapping windows: only the ReLU kernel runs, the pooling keeps its ND4J ops.
                new Case("cnn, overlapping 3x3 stride 2 pool (falls back)", () -> init(base()
                        .layer(conv(3, 3)).layer(maxPool(3, 2)).layer(out())
                        .setInputType(InputType.convolutional(9, 9, 1))), new long[] {1, 9, 9}, 1),
                new Case("conv1d, max pool 1d width 3 and 2", () -> init(base()
                        .layer(new Convolution1DLayer.Builder(5).nOut(4).convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.RELU).build())
                        .layer(new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(3).stride(3).build())
                        .layer(new Convolution1DLayer.Builder(3).nOut(4).convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.RELU).build())
                        .layer(new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(2).stride(2).build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build()).layer(out())
                        .setInputType(InputType.recurrent(4, 25))), new long[] {4, 25}, 4));
    }

    /**
     * Seven examples: random ones, one equal to its reference (every divisor is 0), one with exact zeros where the
     * reference is zero too, one whose first half equals the reference, an outlier scaled by 1e4.
     */
    private static INDArray[] inputs(long[] shape, boolean sharedReference) {
        int n = 7;
        long[] full = new long[shape.length + 1];
        full[0] = n;
        System.arraycopy(shape, 0, full, 1, shape.length);
        INDArray x = TestNets.uniform(DataType.FLOAT, 31, 1.0, full);
        long[] refShape = full.clone();
        refShape[0] = sharedReference ? 1 : n;
        INDArray ref = TestNets.uniform(DataType.FLOAT, 32, 0.5, refShape);
        INDArray refOf1 = ref.get(org.nd4j.linalg.indexing.NDArrayIndex.point(sharedReference ? 0 : 1));
        x.get(org.nd4j.linalg.indexing.NDArrayIndex.point(1)).assign(refOf1);
        INDArray flatX = x.reshape(n, -1);
        INDArray flatRef = ref.reshape(refShape[0], -1);
        long features = flatX.size(1);
        int rowOf3 = sharedReference ? 0 : 3;
        for (long j = 0; j < features; j += 3) {
            flatX.putScalar(3, j, 0.0);
            flatRef.putScalar(rowOf3, j, 0.0);
        }
        int rowOf4 = sharedReference ? 0 : 4;
        for (long j = 0; j < features / 2; j++) {
            flatX.putScalar(4, j, flatRef.getFloat(rowOf4, j));
        }
        flatX.getRow(5).muli(1e4);
        return new INDArray[] {flatX.reshape(full), flatRef.reshape(refShape)};
    }

    @ParameterizedTest
    @MethodSource("cases")
    void kernelsGiveTheBitsOfTheNd4jOpsAgainstASharedAndPerExampleReferences(Case c) {
        MultiLayerNetwork net = c.net().get();
        for (boolean shared : new boolean[] {true, false}) {
            INDArray[] xr = inputs(c.shape(), shared);
            int[] targets = {0, 1, 2, 0, 1, 2, 0};
            RulePolicy[] policies = {RulePolicy.uniform(Rule.RESCALE), RulePolicy.uniform(Rule.REVEAL_CANCEL),
                RulePolicy.genomicsDefault()};
            for (RulePolicy policy : policies) {
                DeepLift dl = DeepLift.of(net).withRules(policy);
                long before = Kernels.runsOnThisThread();
                Attribution fused = dl.explain(xr[0], xr[1], targets);
                long runs = Kernels.runsOnThisThread() - before;
                Attribution ops = Kernels.withNd4jPath(() -> dl.explain(xr[0], xr[1], targets));
                assertEquals(runs, Kernels.runsOnThisThread() - before, "no kernel runs on the ND4J path");
                String what = c + (shared ? ", shared reference, " : ", per-example references, ") + policy;
                if (!policy.equals(RulePolicy.genomicsDefault())) {
                    assertEquals(c.kernelRunsPerCall(), runs, what + ": kernel runs");
                } else {
                    assertTrue(runs <= c.kernelRunsPerCall(), what + ": kernel runs");
                }
                assertSameBits(ops.scores(), fused.scores(), what + ": scores");
                assertSameBits(ops.multipliers(), fused.multipliers(), what + ": multipliers");
                assertSameBits(ops.deltas(), fused.deltas(), what + ": deltas");
                assertSameBits(ops.summationErrors(), fused.summationErrors(), what + ": summation errors");
                double scale = 1 + Math.abs(fused.deltas().amaxNumber().doubleValue());
                assertTrue(fused.maxSummationError() < 1e-4 * scale, what + ": sums to delta");
            }
        }
    }

    @Test
    void tinyDivisorsAreDecidedPerExampleWithTheKernelsAsWithoutThem() {
        // Example 0 crosses the kink of unit 0 with Δz = −1e-4 (ratio 0.5); example 1 makes unit 1 huge.
        MultiLayerNetwork net = TestNets.dense(new Activation[] {Activation.RELU, Activation.IDENTITY},
                new double[][][] {{{-1e-4, 0}, {0, 1}}, {{1}, {1}}}, new double[][] {{0.5e-4, 0}, {0}})
                .convertDataType(DataType.FLOAT);
        INDArray alone = Nd4j.createFromArray(new float[][] {{1, 0}});
        INDArray batch = Nd4j.createFromArray(new float[][] {{1, 0}, {0, 3e5f}});
        DeepLift dl = DeepLift.of(net).withRule(Rule.RESCALE);
        long before = Kernels.runsOnThisThread();
        Attribution a = dl.explain(alone, 0);
        Attribution b = dl.explain(batch, 0);
        assertEquals(2, Kernels.runsOnThisThread() - before, "the ReLU kernel ran on both calls");
        assertEquals(-0.5e-4, a.scores().getDouble(0, 0), 1e-9);
        assertEquals(a.scores().getFloat(0, 0), b.scores().getFloat(0, 0), "example 0 beside a large example");
        assertSameBits(Kernels.withNd4jPath(() -> dl.explain(batch, 0)).scores(), b.scores(), "scores");
    }

    @Test
    void theSwitchKeepsTheNd4jPathAndRestoresItself() {
        MultiLayerNetwork net = TestNets.mlp(DataType.FLOAT, 3, new int[] {4, 5, 2},
                new IActivation[] {Activation.RELU.getActivationFunction()}, Activation.IDENTITY);
        INDArray x = TestNets.uniform(DataType.FLOAT, 4, 1.0, 3, 4);
        DeepLift dl = DeepLift.of(net);
        long before = Kernels.runsOnThisThread();
        Kernels.withNd4jPath(() -> dl.explain(x, 0));
        assertEquals(before, Kernels.runsOnThisThread(), "no kernel inside withNd4jPath");
        assertTrue(Kernels.enabled(), "on again after withNd4jPath");
        dl.explain(x, 0);
        assertEquals(before + 1, Kernels.runsOnThisThread(), "the kernel runs outside it");
    }

    private static void assertSameBits(INDArray expected, INDArray actual, String what) {
        assertEquals(java.util.Arrays.toString(expected.shape()), java.util.Arrays.toString(actual.shape()), what);
        float[] e = expected.dup('c').data().asFloat();
        float[] a = actual.dup('c').data().asFloat();
        int mismatches = 0;
        int first = -1;
        for (int i = 0; i < e.length; i++) {
            if (Float.floatToIntBits(e[i]) != Float.floatToIntBits(a[i])) {
                mismatches++;
                first = first < 0 ? i : first;
            }
        }
        if (mismatches > 0) {
            fail(what + ": " + mismatches + " of " + e.length + " elements differ in their bits, first at " + first
                    + ": " + e[first] + " (ND4J ops) vs " + a[first] + " (kernels)");
        }
    }
}
