package dev.deeplift.bench.models;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A transformer-style encoder block as a DL4J ComputationGraph over one-hot tokens and one-hot positions (both NCW,
 * a channel per token value or position), with position-wise dense layers as kernel-1 convolutions:
 * <pre>
 * tok:  Convolution1D k=1, V → d                 token embedding (one-hot times a matrix, plus a bias)
 * pos:  Convolution1D k=1, T → d, no bias        learned position embedding
 * e   = tok + pos
 * att:  SelfAttentionLayer d → d, 4 heads;  r1 = e + att
 * ff1:  Convolution1D k=1, d → 2d, ReLU;  ff2: Convolution1D k=1, 2d → d;  r2 = r1 + ff2
 * pool: GlobalPooling AVG over time;  out: dense d → 2, softmax
 * </pre>
 * Weights are random (Xavier) from a fixed seed: the cost is measured, not accuracy. The position input of every
 * example is the same one-hot identity; explained against itself as the reference, it gets no scores.
 */
public final class AttentionEncoder {
    /** Vocabulary (token channels). */
    public static final int VOCABULARY = 32;
    /** Sequence length. */
    public static final int LENGTH = 32;
    /** Model width. */
    public static final int WIDTH = 32;
    /** Attention heads. */
    public static final int HEADS = 4;

    private AttentionEncoder() {
    }

    /** The encoder in {@code dataType}, seeded with {@link BenchmarkModels#SEED}. */
    public static ComputationGraph graph(DataType dataType) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(BenchmarkModels.SEED)
                .dataType(dataType).weightInit(WeightInit.XAVIER).graphBuilder()
                .addInputs("tokens", "positions")
                .setInputTypes(InputType.recurrent(VOCABULARY, LENGTH), InputType.recurrent(LENGTH, LENGTH))
                .addLayer("tok", conv(WIDTH, Activation.IDENTITY, true), "tokens")
                .addLayer("pos", conv(WIDTH, Activation.IDENTITY, false), "positions")
                .addVertex("e", new ElementWiseVertex(ElementWiseVertex.Op.Add), "tok", "pos")
                .addLayer("att", new SelfAttentionLayer.Builder().nOut(WIDTH).nHeads(HEADS).projectInput(true)
                        .build(), "e")
                .addVertex("r1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "e", "att")
                .addLayer("ff1", conv(2 * WIDTH, Activation.RELU, true), "r1")
                .addLayer("ff2", conv(WIDTH, Activation.IDENTITY, true), "ff1")
                .addVertex("r2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "r1", "ff2")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "r2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    private static Convolution1DLayer conv(int nOut, Activation activation, boolean bias) {
        return new Convolution1DLayer.Builder().kernelSize(1).nOut(nOut).activation(activation).hasBias(bias).build();
    }

    /** {@code batch} random one-hot token sequences {@code [batch, V, T]}. */
    public static INDArray tokens(DataType dataType, int batch, long seed) {
        Random rng = new Random(seed);
        INDArray x = Nd4j.zeros(dataType, batch, VOCABULARY, LENGTH);
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < LENGTH; t++) {
                x.putScalar(new int[] {n, 1 + rng.nextInt(VOCABULARY - 1), t}, 1.0);
            }
        }
        return x;
    }

    /** The one-hot positions {@code [batch, T, T]}: channel t is 1 at step t. */
    public static INDArray positions(DataType dataType, int batch) {
        INDArray eye = Nd4j.eye(LENGTH).castTo(dataType).reshape(1, LENGTH, LENGTH);
        return Nd4j.zeros(dataType, batch, LENGTH, LENGTH).addi(eye);
    }

    /** Random one-hot labels {@code [batch, 2]}. */
    public static INDArray labels(DataType dataType, int batch, long seed) {
        Random rng = new Random(seed);
        INDArray y = Nd4j.zeros(dataType, batch, 2);
        for (int n = 0; n < batch; n++) {
            y.putScalar(n, rng.nextInt(2), 1.0);
        }
        return y;
    }
}
