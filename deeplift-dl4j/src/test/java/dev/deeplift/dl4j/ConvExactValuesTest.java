package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Exact small cases: brute-force convolutions, hand-computed pooling and batch-normalization. */
class ConvExactValuesTest {

    /** One layer, then an identity output layer whose weights sum its inputs (so the target is their sum). */
    private static MultiLayerNetwork sumOf(Layer layer, InputType in) {
        var b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3).list().layer(layer);
        if (in.getType() == InputType.Type.RNN) {
            // Sequences are summed over time first (an output layer would be applied per time step).
            b.layer(new GlobalPoolingLayer.Builder(PoolingType.SUM).build());
        }
        int out = in.getType() == InputType.Type.RNN ? 2 : 1;
        var conf = b
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(1).activation(Activation.IDENTITY)
                        .build())
                .setInputType(in).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(out).getParam("W").assign(1.0);
        net.getLayer(out).getParam("b").assign(0.0);
        return net;
    }

    /** Plain-loop 2D convolution, NCHW, weights [oC, iC, kH, kW], valid padding. */
    private static double[][][] conv2d(double[][][] x, double[][][][] w, double[] b, int stride) {
        int oc = w.length;
        int ic = w[0].length;
        int kh = w[0][0].length;
        int kw = w[0][0][0].length;
        int oh = (x[0].length - kh) / stride + 1;
        int ow = (x[0][0].length - kw) / stride + 1;
        double[][][] y = new double[oc][oh][ow];
        for (int o = 0; o < oc; o++) {
            for (int i = 0; i < oh; i++) {
                for (int j = 0; j < ow; j++) {
                    double s = b[o];
                    for (int c = 0; c < ic; c++) {
                        for (int p = 0; p < kh; p++) {
                            for (int q = 0; q < kw; q++) {
                                s += w[o][c][p][q] * x[c][i * stride + p][j * stride + q];
                            }
                        }
                    }
                    y[o][i][j] = s;
                }
            }
        }
        return y;
    }

    @ParameterizedTest(name = "stride {0}")
    @ValueSource(ints = {1, 2})
    void conv2dMultipliersAreTheBruteForceWeightSumsPerInput(int stride) {
        MultiLayerNetwork net = sumOf(new ConvolutionLayer.Builder(2, 3).stride(stride, stride).nOut(2)
                .activation(Activation.IDENTITY).build(), InputType.convolutional(5, 6, 2));
        INDArray w = net.getLayer(0).getParam("W");
        INDArray b = net.getLayer(0).getParam("b");
        double[][][][] wj = new double[2][2][2][3];
        for (int o = 0; o < 2; o++) {
            for (int c = 0; c < 2; c++) {
                for (int p = 0; p < 2; p++) {
                    for (int q = 0; q < 3; q++) {
                        wj[o][c][p][q] = w.getDouble(o, c, p, q);
                    }
                }
            }
        }
        double[] bj = b.reshape(2).toDoubleVector();
        INDArray x = TestNets.uniform(DataType.DOUBLE, 1, 1.0, 1, 2, 5, 6);
        double[][][] xj = new double[2][5][6];
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 6; j++) {
                    xj[c][i][j] = x.getDouble(0, c, i, j);
                }
            }
        }
        double[][][] zeros = new double[2][5][6];
        double expectedDelta = sum(conv2d(xj, wj, bj, stride)) - sum(conv2d(zeros, wj, bj, stride));
        Attribution a = DeepLift.of(net).explain(x, 0);
        assertEquals(expectedDelta, a.deltas().getDouble(0), 1e-12);
        // The network is linear, so each multiplier is the brute-force sum of the weights that touch that input.
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 6; j++) {
                    double[][][] unit = new double[2][5][6];
                    unit[c][i][j] = 1.0;
                    double m = sum(conv2d(unit, wj, bj, stride)) - sum(conv2d(zeros, wj, bj, stride));
                    assertEquals(m, a.multipliers().getDouble(0, c, i, j), 1e-12, "input " + c + "," + i + "," + j);
                }
            }
        }
    }

    @ParameterizedTest(name = "stride {0}")
    @ValueSource(ints = {1, 2})
    void conv1dMultipliersAreTheBruteForceWeightSumsPerInput(int stride) {
        MultiLayerNetwork net = sumOf(new Convolution1DLayer.Builder(3).stride(stride).nOut(2)
                .activation(Activation.IDENTITY).build(), InputType.recurrent(2, 7));
        INDArray x = TestNets.uniform(DataType.DOUBLE, 2, 1.0, 1, 2, 7);
        Attribution a = DeepLift.of(net).explain(x, 0);
        // Brute force from DL4J's own forward pass: the output sum is linear, so unit inputs give the multipliers.
        INDArray zero = Nd4j.zeros(DataType.DOUBLE, 1, 2, 7);
        double base = net.output(zero).getDouble(0);
        for (int c = 0; c < 2; c++) {
            for (int t = 0; t < 7; t++) {
                INDArray unit = zero.dup();
                unit.putScalar(new int[] {0, c, t}, 1.0);
                assertEquals(net.output(unit).getDouble(0) - base, a.multipliers().getDouble(0, c, t), 1e-12);
            }
        }
        assertEquals(net.output(x).getDouble(0) - base, a.scores().sumNumber().doubleValue(), 1e-12);
    }

    private static double sum(double[][][] a) {
        double s = 0;
        for (double[][] p : a) {
            for (double[] r : p) {
                for (double v : r) {
                    s += v;
                }
            }
        }
        return s;
    }

    private static INDArray image(double[][] v) {
        return Nd4j.createFromArray(new double[][][][] {{v}});
    }

    private static MultiLayerNetwork maxPool(int k, int s, int h, int w) {
        return sumOf(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(k, k).stride(s, s).build(),
                InputType.convolutional(h, w, 1));
    }

    @Test
    void crossMaxCreditsTheReferencesArgMaxWhenTheReferenceWinsInsideTheWindow() {
        // y = max(1, 3, 2, 0) = 3 at (0,1); y_ref = max(0, 0, 5, 0) = 5 at (1,0); M = 5.
        // M − y_ref = 0 goes to (0,1); y − M = −2 goes to (1,0), whose Δx = 2 − 5 = −3: multiplier 2/3.
        MultiLayerNetwork net = maxPool(2, 2, 2, 2);
        INDArray x = image(new double[][] {{1, 3}, {2, 0}});
        INDArray ref = image(new double[][] {{0, 0}, {5, 0}});
        Attribution cross = DeepLift.of(net).explain(x, ref, 0);
        assertArrayEquals(new double[] {0, 0, -2, 0}, cross.scores().reshape(4).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 0, 2.0 / 3, 0}, cross.multipliers().reshape(4).toDoubleVector(), 1e-12);
        assertEquals(0.0, cross.maxSummationError(), 1e-12);
        // The gradient mode sends the multiplier to the input's arg-max only, and misses the delta.
        Attribution grad = DeepLift.of(net).withMaxPoolMode(MaxPoolMode.GRADIENT).explain(x, ref, 0);
        assertArrayEquals(new double[] {0, 3, 0, 0}, grad.scores().reshape(4).toDoubleVector(), 1e-12);
        assertEquals(5.0, grad.maxSummationError(), 1e-12);
    }

    @Test
    void overlappingWindowsAccumulateCredit() {
        // 1x3 input, 1x2 windows at stride 1: [1, 3] and [3, 2] both pick the 3, so it gets 3 + 3.
        MultiLayerNetwork net = sumOf(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(1, 2).stride(1, 1)
                .build(), InputType.convolutional(1, 3, 1));
        Attribution a = DeepLift.of(net).explain(image(new double[][] {{1, 3, 2}}), 0);
        assertArrayEquals(new double[] {0, 6, 0}, a.scores().reshape(3).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0, 2, 0}, a.multipliers().reshape(3).toDoubleVector(), 1e-12);
    }

    @Test
    void tiesGoToTheFirstPositionOfTheWindow() {
        MultiLayerNetwork net = maxPool(2, 2, 2, 2);
        Attribution a = DeepLift.of(net).explain(image(new double[][] {{1, 2}, {2, 2}}), 0);
        assertArrayEquals(new double[] {0, 2, 0, 0}, a.scores().reshape(4).toDoubleVector(), 1e-12);
    }

    @Test
    void maxPool1dInBothModes() {
        MultiLayerNetwork net = sumOf(new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(3).stride(3).build(),
                InputType.recurrent(1, 3));
        INDArray x = Nd4j.createFromArray(new double[][][] {{{4, 1, 0}}});
        INDArray ref = Nd4j.createFromArray(new double[][][] {{{0, 0, 6}}});
        // y = 4, y_ref = 6: −2 credited to position 2, whose Δx = −6.
        Attribution cross = DeepLift.of(net).explain(x, ref, 0);
        assertArrayEquals(new double[] {0, 0, -2}, cross.scores().reshape(3).toDoubleVector(), 1e-12);
        Attribution grad = DeepLift.of(net).withMaxPoolMode(MaxPoolMode.GRADIENT).explain(x, ref, 0);
        assertArrayEquals(new double[] {4, 0, 0}, grad.scores().reshape(3).toDoubleVector(), 1e-12);
    }

    @Test
    void averagePoolingSpreadsMultipliersEvenly() {
        MultiLayerNetwork net = sumOf(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                .build(), InputType.convolutional(2, 2, 1));
        Attribution a = DeepLift.of(net).explain(image(new double[][] {{1, 2}, {3, 4}}), 0);
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, a.multipliers().reshape(4).toDoubleVector(), 1e-12);
        assertArrayEquals(new double[] {0.25, 0.5, 0.75, 1.0}, a.scores().reshape(4).toDoubleVector(), 1e-12);
    }

    @Test
    void batchNormWithANegativeGammaScalesMultipliersByGammaOverSigma() {
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(2).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(2).useLogStd(false).eps(1e-5).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(2).nOut(1)
                        .activation(Activation.IDENTITY).build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).getParam("W").assign(Nd4j.eye(2).castTo(DataType.DOUBLE));
        net.getLayer(0).getParam("b").assign(0);
        var bn = net.getLayer(1);
        bn.getParam("gamma").assign(Nd4j.createFromArray(new double[][] {{-2, 1}}));
        bn.getParam("beta").assign(Nd4j.createFromArray(new double[][] {{0.5, 0.25}}));
        bn.getParam("mean").assign(Nd4j.createFromArray(new double[][] {{1, 2}}));
        bn.getParam("var").assign(Nd4j.createFromArray(new double[][] {{3, 0.5}}));
        net.getLayer(2).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1.5}, {-1}}));
        net.getLayer(2).getParam("b").assign(0);
        INDArray x = TestNets.row(2, -1);
        double[] expected = {1.5 * -2 / Math.sqrt(3 + 1e-5), -1 * 1 / Math.sqrt(0.5 + 1e-5)};
        for (Rule rule : Rule.values()) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(x, 0);
            assertArrayEquals(expected, a.multipliers().toDoubleVector(), 1e-12, rule.toString());
            assertEquals(net.output(x).getDouble(0) - net.output(Nd4j.zeros(DataType.DOUBLE, 1, 2)).getDouble(0),
                    a.deltas().getDouble(0), 1e-12);
        }
    }

    @Test
    void revealCancelSwapsTheSplitThroughANegativeGamma() {
        // dense(w = [1, −1]) → BN(γ = −1, σ ≈ 1) → relu → sum, at x = (3, 1), reference 0.
        // Terms 3 and −1 become −3 and +1 after the negative γ: Δz+ = 1, Δz− = −3 around z0 = 0 (β = 0, μ = 0).
        var conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(1).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(1).useLogStd(false).eps(0).build())
                .layer(new DenseLayer.Builder().nIn(1).nOut(1).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1).nOut(1)
                        .activation(Activation.IDENTITY).build()).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        net.getLayer(0).getParam("W").assign(Nd4j.createFromArray(new double[][] {{1}, {-1}}));
        net.getLayer(0).getParam("b").assign(0);
        net.getLayer(1).getParam("gamma").assign(-1);
        net.getLayer(1).getParam("beta").assign(0);
        net.getLayer(1).getParam("mean").assign(0);
        net.getLayer(1).getParam("var").assign(1);
        net.getLayer(2).getParam("W").assign(1);
        net.getLayer(2).getParam("b").assign(0);
        net.getLayer(3).getParam("W").assign(1);
        net.getLayer(3).getParam("b").assign(0);
        Attribution a = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL).explain(TestNets.row(3, 1), 0);
        // The relu sees z = −2 from z0 = 0; its input is a dense layer of one unit fed by BN, so its terms are the
        // BN output's own sign: Δz = −2 only, Δy = 0, and both inputs get nothing.
        assertEquals(0.0, a.scores().sumNumber().doubleValue(), 1e-12);
        assertTrue(a.maxSummationError() < 1e-12);
        // With the relu fed by BN directly the split passes through BN: Δz+ = 1 (from x2), Δz− = −3 (from x1).
        var conf2 = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(1).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().nOut(1).useLogStd(false).eps(0).activation(Activation.IDENTITY)
                        .build())
                .layer(new org.deeplearning4j.nn.conf.layers.ActivationLayer(Activation.RELU))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1).nOut(1)
                        .activation(Activation.IDENTITY).build()).build();
        MultiLayerNetwork net2 = new MultiLayerNetwork(conf2);
        net2.init();
        net2.setParams(Nd4j.createFromArray(new double[] {1, -1, 0, -1, 0, 0, 1, 1, 0}));
        assertEquals(-2.0, net2.getLayer(1).activate(Nd4j.createFromArray(new double[][] {{2}}), false,
                org.deeplearning4j.nn.workspace.LayerWorkspaceMgr.noWorkspaces()).getDouble(0), 1e-12);
        Attribution b = DeepLift.of(net2).withRules(RulePolicy.uniform(Rule.REVEAL_CANCEL))
                .explain(TestNets.row(3, 1), 0);
        // Δy+ = ½[relu(1) − 0] + ½[relu(−2) − relu(−3)] = 0.5; Δy− = ½[relu(−3) − 0] + ½[relu(−2) − relu(1)] = −0.5.
        // x1 (Δ = 3, w = 1, γ < 0) fed the negative part: 3·m−·(−1) with m− = 1/6 → −0.5; x2 fed the positive part.
        assertArrayEquals(new double[] {-0.5, 0.5}, b.scores().toDoubleVector(), 1e-12);
    }
}
