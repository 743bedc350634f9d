package dev.deeplift.dl4j;

import java.util.Random;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Small embedding networks for tests (DOUBLE, seeded, non-zero biases), built without {@code setInputType}, which
 * would replace the embeddings' {@code nIn} (vocabulary) by 1, and a plain-Java double forward of them.
 */
final class EmbeddingNets {
    private EmbeddingNets() {
    }

    /**
     * {@code EmbeddingSequenceLayer(vocab → width) → GlobalPooling over time → Dense(hidden, relu) →
     * Output(outputs, identity)}.
     */
    static MultiLayerNetwork pooled(long seed, int vocab, int width, RNNFormat format, boolean bias,
                                    Activation embedding, PoolingType pooling, int hidden, int outputs) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(width).outputDataFormat(format)
                        .hasBias(bias).activation(embedding).build())
                .layer(new GlobalPoolingLayer.Builder(pooling).poolingDimensions(format == RNNFormat.NCW ? 2 : 1)
                        .build())
                .layer(new DenseLayer.Builder().nIn(width).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(hidden).nOut(outputs)
                        .activation(Activation.IDENTITY).build())
                .build();
        return initialised(conf, seed);
    }

    /** {@code EmbeddingLayer(vocab → width) → Dense(hidden, relu) → Output(outputs, identity)}. */
    static MultiLayerNetwork single(long seed, int vocab, int width, boolean bias, Activation embedding, int hidden,
                                    int outputs) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new EmbeddingLayer.Builder().nIn(vocab).nOut(width).hasBias(bias).activation(embedding)
                        .build())
                .layer(new DenseLayer.Builder().nIn(width).nOut(hidden).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(hidden).nOut(outputs)
                        .activation(Activation.IDENTITY).build())
                .build();
        return initialised(conf, seed);
    }

    /** A network of one {@code EmbeddingSequenceLayer}, whose output units are the targets. */
    static MultiLayerNetwork alone(long seed, int vocab, int width, RNNFormat format, boolean bias,
                                   Activation activation) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(seed).dataType(DataType.DOUBLE)
                .weightInit(WeightInit.XAVIER).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(vocab).nOut(width).outputDataFormat(format)
                        .hasBias(bias).activation(activation).build())
                .build();
        return initialised(conf, seed);
    }

    private static MultiLayerNetwork initialised(MultiLayerConfiguration conf, long seed) {
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Nd4j.getRandom().setSeed(seed);
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray b = net.getLayer(i).paramTable().get("b");
            if (b != null) {
                b.assign(Nd4j.rand(DataType.DOUBLE, b.shape()).subi(0.5));
            }
        }
        return net;
    }

    /** Seeded token indices {@code [n, steps]} in {@code [0, vocab)}, as doubles. */
    static INDArray tokens(long seed, int n, int steps, int vocab) {
        Random r = new Random(seed);
        double[][] t = new double[n][steps];
        for (double[] row : t) {
            for (int s = 0; s < steps; s++) {
                row[s] = r.nextInt(vocab);
            }
        }
        return Nd4j.createFromArray(t);
    }

    /** A matrix of a network parameter as {@code double[rows][cols]}. */
    static double[][] matrix(MultiLayerNetwork net, int layer, String key) {
        return net.getLayer(layer).getParam(key).toDoubleMatrix();
    }

    /** A vector parameter as {@code double[]}, or zeros of length {@code n} if absent. */
    static double[] vector(MultiLayerNetwork net, int layer, String key, int n) {
        INDArray p = net.getLayer(layer).paramTable().get(key);
        return p == null ? new double[n] : p.dup().ravel().toDoubleVector();
    }

    /**
     * The plain-Java double forward of {@link #pooled} (AVG, SUM or MAX pooling; embedding activation identity or
     * tanh), from token rows or, where {@code vectors} is non-null, from looked-up rows replaced by
     * {@code vectors[n][t][d]}.
     */
    static double[][] pooledForward(MultiLayerNetwork net, double[][] tokens, double[][][] vectors,
                                    PoolingType pooling, boolean tanh) {
        double[][] w = matrix(net, 0, "W");
        int width = w[0].length;
        double[] b0 = vector(net, 0, "b", width);
        double[][] w2 = matrix(net, 2, "W");
        double[] b2 = vector(net, 2, "b", w2[0].length);
        double[][] w3 = matrix(net, 3, "W");
        double[] b3 = vector(net, 3, "b", w3[0].length);
        int n = vectors != null ? vectors.length : tokens.length;
        double[][] out = new double[n][];
        for (int i = 0; i < n; i++) {
            int steps = vectors != null ? vectors[i].length : tokens[i].length;
            double[] pooled = new double[width];
            java.util.Arrays.fill(pooled, pooling == PoolingType.MAX ? Double.NEGATIVE_INFINITY : 0.0);
            for (int t = 0; t < steps; t++) {
                for (int d = 0; d < width; d++) {
                    double z = (vectors != null ? vectors[i][t][d] : w[(int) tokens[i][t]][d]) + b0[d];
                    double e = tanh ? Math.tanh(z) : z;
                    pooled[d] = pooling == PoolingType.MAX ? Math.max(pooled[d], e) : pooled[d] + e;
                }
            }
            if (pooling == PoolingType.AVG) {
                for (int d = 0; d < width; d++) {
                    pooled[d] /= steps;
                }
            }
            double[] h = dense(pooled, w2, b2, true);
            out[i] = dense(h, w3, b3, false);
        }
        return out;
    }

    private static double[] dense(double[] x, double[][] w, double[] b, boolean relu) {
        double[] y = new double[w[0].length];
        for (int j = 0; j < y.length; j++) {
            double s = b[j];
            for (int k = 0; k < x.length; k++) {
                s += x[k] * w[k][j];
            }
            y[j] = relu ? Math.max(0, s) : s;
        }
        return y;
    }
}
