package dev.deeplift.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.Attribution;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The call-overhead networks compute what a hand-written forward computes, and the one-layer network's Rescale
 * scores are the hand-computed {@code W[i, t] · x_i}: the benchmark measures real explanations.
 */
class CallOverheadBenchmarkTest {
    /** FLOAT arithmetic against the hand computation in double. */
    private static final double FLOAT_TOLERANCE = 1e-6;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void networksMatchAHandWrittenForward(int layers) {
        CallOverheadBenchmark b = setUp(layers);
        double[] x = b.input.toDoubleVector();
        double[] logits = layers == 1 ? dense(x, b, 0, false) : dense(dense(x, b, 0, true), b, 1, false);
        double[] expected = softmax(logits);
        INDArray output = b.dl4jOutput();
        assertArrayEquals(new long[] {1, 3}, output.shape());
        assertArrayEquals(expected, output.toDoubleVector(), FLOAT_TOLERANCE);
        assertArrayEquals(new long[] {1, 10}, b.dl4jCalculateGradients().getSecond().shape());
        assertArrayEquals(new long[] {1, 10}, b.rescale().scores().shape());
    }

    @Test
    void oneLayerRescaleScoresAreWeightTimesInput() {
        CallOverheadBenchmark b = setUp(1);
        double[] x = b.input.toDoubleVector();
        INDArray w = b.net.getLayer(0).getParam("W");
        Attribution a = b.rescale();
        double[] scores = a.scores().toDoubleVector();
        double logit = 0;
        for (int i = 0; i < 10; i++) {
            double expected = w.getDouble(i, CallOverheadBenchmark.TARGET) * x[i];
            assertEquals(expected, scores[i], FLOAT_TOLERANCE, "input " + i);
            logit += expected;
        }
        assertEquals(logit, a.deltas().getDouble(0), FLOAT_TOLERANCE, "the logit's delta from the zero reference");
    }

    private static CallOverheadBenchmark setUp(int layers) {
        CallOverheadBenchmark b = new CallOverheadBenchmark();
        b.layers = layers;
        b.setUp();
        return b;
    }

    /** Layer {@code layer}'s {@code x W + b}, then ReLU if asked, in double. */
    private static double[] dense(double[] x, CallOverheadBenchmark b, int layer, boolean relu) {
        INDArray w = b.net.getLayer(layer).getParam("W");
        INDArray bias = b.net.getLayer(layer).getParam("b");
        double[] y = new double[(int) w.size(1)];
        for (int j = 0; j < y.length; j++) {
            double sum = bias.getDouble(0, j);
            for (int i = 0; i < x.length; i++) {
                sum += x[i] * w.getDouble(i, j);
            }
            y[j] = relu ? Math.max(0, sum) : sum;
        }
        return y;
    }

    private static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double total = 0;
        double[] e = new double[z.length];
        for (int i = 0; i < z.length; i++) {
            e[i] = Math.exp(z[i] - max);
            total += e[i];
        }
        for (int i = 0; i < z.length; i++) {
            e[i] /= total;
        }
        return e;
    }
}
