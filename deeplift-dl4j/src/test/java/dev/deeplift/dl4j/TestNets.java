package dev.deeplift.dl4j;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import java.util.Random;
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

    /**
     * An explainer of {@code [N, ...]} inputs (e.g. one-hot sequences {@code [N, L, 4]}) over one that takes them
     * flattened to {@code [N, features]}, as a dense network does; scores and multipliers come back in the input's
     * shape.
     */
    static Explainer flattening(Explainer flat) {
        return (input, reference, targets) -> {
            Attribution a = flat.explain(input.reshape(input.size(0), -1), reference.reshape(reference.size(0), -1),
                    targets);
            INDArray scores = a.scores().reshape(input.shape());
            INDArray multipliers = a.multipliers().reshape(input.shape());
            return Attribution.ofScores(java.util.List.of(scores), java.util.List.of(multipliers), a.deltas(),
                    a.targets(), a.provenance());
        };
    }

    /** {@code [N, L, 4]} random one-hot DNA; positions {@code p} with {@code p % 7 == 3} are N (all zero). */
    static INDArray oneHotDna(DataType dt, long seed, int n, int length) {
        Random rng = new Random(seed);
        INDArray x = Nd4j.zeros(dt, n, length, 4);
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < length; p++) {
                if (p % 7 != 3) {
                    x.putScalar(new long[] {i, p, rng.nextInt(4)}, 1.0);
                }
            }
        }
        return x;
    }
}
