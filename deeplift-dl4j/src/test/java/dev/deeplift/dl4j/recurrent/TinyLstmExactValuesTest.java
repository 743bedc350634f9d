package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A 1-unit, 1-feature LSTM over 2 steps with hand-picked weights, explained with Rescale: every step's ratios and
 * products are computed here by hand, in plain doubles, and the scores must be exactly those.
 */
class TinyLstmExactValuesTest {
    // Gate blocks in DL4J's order: cell input a, forget f, output o, input i.
    private static final double[] W = {0.9, -0.6, 0.7, 1.1};
    private static final double[] RW = {-0.8, 0.5, 0.3, -0.4};
    private static final double[] B = {0.1, 0.2, -0.3, 0.05};

    /** One step of one side: a, f, o, i, c, g = tanh(c), h, and the pre-activations. */
    private record Step(double za, double zf, double zo, double zi, double a, double f, double o, double i, double c,
                        double g, double h) {
        static Step of(double x, double hPrev, double cPrev) {
            double za = x * W[0] + hPrev * RW[0] + B[0];
            double zf = x * W[1] + hPrev * RW[1] + B[1];
            double zo = x * W[2] + hPrev * RW[2] + B[2];
            double zi = x * W[3] + hPrev * RW[3] + B[3];
            double a = Math.tanh(za);
            double f = sigmoid(zf);
            double o = sigmoid(zo);
            double i = sigmoid(zi);
            double c = f * cPrev + i * a;
            double g = Math.tanh(c);
            return new Step(za, zf, zo, zi, a, f, o, i, c, g, o * g);
        }
    }

    private static double sigmoid(double z) {
        return 1.0 / (1.0 + Math.exp(-z));
    }

    @Test
    void rescaleScoresOfATwoStepLstmAreTheHandComputedOnes() {
        double[] x = {1.0, -0.5};
        double[] r = {0.3, -0.2};
        Step x0 = Step.of(x[0], 0, 0);
        Step r0 = Step.of(r[0], 0, 0);
        Step x1 = Step.of(x[1], x0.h(), x0.c());
        Step r1 = Step.of(r[1], r0.h(), r0.c());

        // Target h(1) (the output layer is the identity). Step 1: h = o⊙g, then g = tanh(c), o = σ(z_o).
        double mH1 = 1.0;
        double mO1 = mH1 * (x1.g() + r1.g()) / 2;
        double mG1 = mH1 * (x1.o() + r1.o()) / 2;
        double mZo1 = mO1 * (x1.o() - r1.o()) / (x1.zo() - r1.zo());
        double mC1 = mG1 * (x1.g() - r1.g()) / (x1.c() - r1.c());
        // c(1) = f⊙c(0) + i⊙a
        double mF1 = mC1 * (x0.c() + r0.c()) / 2;
        double mC0 = mC1 * (x1.f() + r1.f()) / 2;
        double mI1 = mC1 * (x1.a() + r1.a()) / 2;
        double mA1 = mC1 * (x1.i() + r1.i()) / 2;
        double mZf1 = mF1 * (x1.f() - r1.f()) / (x1.zf() - r1.zf());
        double mZi1 = mI1 * (x1.i() - r1.i()) / (x1.zi() - r1.zi());
        double mZa1 = mA1 * (x1.a() - r1.a()) / (x1.za() - r1.za());
        double mX1 = W[0] * mZa1 + W[1] * mZf1 + W[2] * mZo1 + W[3] * mZi1;
        double mH0 = RW[0] * mZa1 + RW[1] * mZf1 + RW[2] * mZo1 + RW[3] * mZi1;
        // Step 0 (no forget term: c(−1) = 0 on both sides).
        double mO0 = mH0 * (x0.g() + r0.g()) / 2;
        double mG0 = mH0 * (x0.o() + r0.o()) / 2;
        double mZo0 = mO0 * (x0.o() - r0.o()) / (x0.zo() - r0.zo());
        mC0 += mG0 * (x0.g() - r0.g()) / (x0.c() - r0.c());
        double mI0 = mC0 * (x0.a() + r0.a()) / 2;
        double mA0 = mC0 * (x0.i() + r0.i()) / 2;
        double mZi0 = mI0 * (x0.i() - r0.i()) / (x0.zi() - r0.zi());
        double mZa0 = mA0 * (x0.a() - r0.a()) / (x0.za() - r0.za());
        double mX0 = W[0] * mZa0 + W[2] * mZo0 + W[3] * mZi0;
        double score0 = mX0 * (x[0] - r[0]);
        double score1 = mX1 * (x[1] - r[1]);
        assertEquals(x1.h() - r1.h(), score0 + score1, 1e-15, "the hand computation sums to delta");

        Attribution a = DeepLift.of(net()).withRule(Rule.RESCALE).explain(seq(x), seq(r), Target.unitAtStep(0, 1));
        assertEquals(x1.h() - r1.h(), a.deltas().getDouble(0), 1e-15);
        assertEquals(score0, a.scores().getDouble(0, 0, 0), 1e-14);
        assertEquals(score1, a.scores().getDouble(0, 0, 1), 1e-14);
        assertEquals(mX0, a.multipliers().getDouble(0, 0, 0), 1e-13);
        assertEquals(mX1, a.multipliers().getDouble(0, 0, 1), 1e-13);
    }

    private static INDArray seq(double[] v) {
        return Nd4j.createFromArray(v).reshape(1, 1, v.length);
    }

    private static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE)
                .list()
                .layer(new LSTM.Builder().nIn(1).nOut(1).activation(Activation.TANH)
                        .gateActivationFunction(Activation.SIGMOID).build())
                .layer(new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(1).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        net.getLayer(0).getParam("W").assign(Nd4j.createFromArray(new double[][] {W}));
        net.getLayer(0).getParam("RW").assign(Nd4j.createFromArray(new double[][] {RW}));
        net.getLayer(0).getParam("b").assign(Nd4j.createFromArray(new double[][] {B}));
        net.getLayer(1).getParam("W").assign(1.0);
        net.getLayer(1).getParam("b").assign(0.0);
        return net;
    }
}
