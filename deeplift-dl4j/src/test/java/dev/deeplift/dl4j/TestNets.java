package dev.deeplift.dl4j;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Small networks for tests, with fixed seeds or hand-set weights. */
final class TestNets {
    private TestNets() {
    }

    /** A dense network: hidden layers with the given activations, then an output layer. */
    static MultiLayerNetwork mlp(DataType dt, long seed, int[] sizes, IActivation[] hidden, Activation out) {
        var b = new NeuralNetConfiguration.Builder().seed(seed).dataType(dt).updater(new Adam(0.01))
                .weightInit(WeightInit.XAVIER).list();
        for (int i = 0; i < hidden.length; i++) {
            b.layer(new DenseLayer.Builder().nIn(sizes[i]).nOut(sizes[i + 1]).activation(hidden[i]).build());
        }
        int k = hidden.length;
        LossFunctions.LossFunction loss = out == Activation.SOFTMAX ? LossFunctions.LossFunction.MCXENT
                : LossFunctions.LossFunction.MSE;
        b.layer(new OutputLayer.Builder(loss).nIn(sizes[k]).nOut(sizes[k + 1]).activation(out).build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        // Non-zero biases, so that tests see them.
        Nd4j.getRandom().setSeed(seed);
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray bias = net.getLayer(i).getParam("b");
            bias.assign(Nd4j.rand(dt, bias.shape()).subi(0.5));
        }
        return net;
    }

    /** A dense network with hand-set weights ({@code [nIn][nOut]}) and biases; the last layer is the output layer. */
    static MultiLayerNetwork dense(Activation[] acts, double[][][] weights, double[][] biases) {
        var b = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list();
        for (int i = 0; i < weights.length; i++) {
            int nIn = weights[i].length;
            int nOut = weights[i][0].length;
            if (i < weights.length - 1) {
                b.layer(new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(acts[i]).build());
            } else {
                b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(nIn).nOut(nOut)
                        .activation(acts[i]).build());
            }
        }
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        for (int i = 0; i < weights.length; i++) {
            net.getLayer(i).getParam("W").assign(Nd4j.createFromArray(weights[i]));
            net.getLayer(i).getParam("b").assign(Nd4j.createFromArray(biases[i]).reshape(1, biases[i].length));
        }
        return net;
    }

    /** Uniform random values in [−scale, scale). */
    static INDArray uniform(DataType dt, long seed, double scale, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(dt, shape).subi(0.5).muli(2 * scale);
    }

    static INDArray row(double... v) {
        return Nd4j.createFromArray(new double[][] {v});
    }
}
