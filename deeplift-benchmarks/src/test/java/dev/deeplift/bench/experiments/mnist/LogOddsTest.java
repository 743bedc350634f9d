package dev.deeplift.bench.experiments.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Logits and log-odds: by hand, against the softmax, and against DeepLIFT's logit deltas. */
class LogOddsTest {

    @Test
    void logOddsAreTargetMinusOriginalLogitAndIncreaseIsAfterMinusBefore() {
        INDArray logits = Nd4j.createFromArray(new double[][] {{1, 2, 5}, {0, -1, 3}});
        assertArrayEquals(new double[] {-4, -3}, LogOdds.of(logits, 0, 2), 0);
        assertArrayEquals(new double[] {-3, -4}, LogOdds.of(logits, 1, 2), 0);
        assertArrayEquals(new double[] {3, -2.5}, LogOdds.increase(new double[] {-4, 1}, new double[] {-1, -1.5}), 0);
    }

    @Test
    void logitsOfAnOutputLayerAreInputTimesWeightsPlusBias() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.FLOAT)
                .list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(2).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        net.getLayer(0).setParam("W", Nd4j.createFromArray(new float[][] {{1, 0, -1}, {2, 1, 0}}));
        net.getLayer(0).setParam("b", Nd4j.createFromArray(new float[][] {{0.5f, 0, -0.5f}}));
        INDArray x = Nd4j.createFromArray(new float[][] {{1, 1}, {0, -2}});
        INDArray logits = LogOdds.logits(net, x);
        // [1, 1]: (1 + 2 + 0.5, 0 + 1 + 0, -1 + 0 - 0.5); [0, -2]: (-4 + 0.5, -2, -0.5)
        assertArrayEquals(new float[] {3.5f, 1f, -1.5f}, logits.getRow(0).toFloatVector(), 1e-6f);
        assertArrayEquals(new float[] {-3.5f, -2f, -0.5f}, logits.getRow(1).toFloatVector(), 1e-6f);
        INDArray p = net.output(x);
        double[] odds = LogOdds.of(logits, 1, 0);
        for (int i = 0; i < 2; i++) {
            assertEquals(Math.log(p.getDouble(i, 1) / p.getDouble(i, 0)), odds[i], 1e-5, "example " + i);
        }
    }

    @Test
    void logitDifferencesFromAnInputToZeroAreDeepLiftsDeltas() {
        MultiLayerNetwork net = smallCnn();
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, 1, 28, 28);
        INDArray change = LogOdds.logits(net, x).subRowVector(LogOdds.logits(net, Nd4j.zeros(DataType.FLOAT, 1, 1, 28, 28)));
        for (int target : new int[] {3, 8}) {
            INDArray deltas = DeepLift.of(net).explain(x, target).deltas();
            for (int i = 0; i < 3; i++) {
                assertEquals(deltas.getDouble(i), change.getDouble(i, target), 1e-4, "target " + target + ", " + i);
            }
        }
    }

    /** Conv → max-pool → softmax: a preprocessor (CNN to dense) stands before the output layer. */
    static MultiLayerNetwork smallCnn() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(42)
                .dataType(DataType.FLOAT).weightInit(WeightInit.XAVIER).list()
                .layer(new ConvolutionLayer.Builder(5, 5).nOut(4).stride(2, 2).activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(28, 28, 1))
                .build());
        net.init();
        return net;
    }
}
