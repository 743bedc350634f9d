package dev.deeplift.bench.models;

import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A transformer-style encoder block as a DL4J ComputationGraph over token indices and position indices
 * ({@code [N, 1, T]} each):
 * <pre>
 * tok, pos: EmbeddingSequenceLayer (V → d, T → d);  e = tok + pos
 * att: SelfAttentionLayer d → d, 4 heads;  r1 = e + att
 * ff1: DenseLayer d → 2d per step, layer norm, ReLU;  ff2: DenseLayer 2d → d per step;  r2 = r1 + ff2
 *      (RnnToFeedForward before ff1, FeedForwardToRnn after ff2)
 * pool: GlobalPooling AVG over time;  out: dense d → 2, softmax
 * </pre>
 * Weights are random (Xavier) from a fixed seed: the cost is measured, not accuracy. Explained against token 0
 * everywhere and the same positions, only the tokens get scores.
 */
public final class AttentionEncoder {
    /** Vocabulary. */
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
                // setInputTypes replaces an embedding's nIn by the input type's size: declare the vocabularies.
                .setInputTypes(InputType.recurrent(VOCABULARY, LENGTH), InputType.recurrent(LENGTH, LENGTH))
                .addLayer("tok", new EmbeddingSequenceLayer.Builder().nIn(VOCABULARY).nOut(WIDTH).build(), "tokens")
                .addLayer("pos", new EmbeddingSequenceLayer.Builder().nIn(LENGTH).nOut(WIDTH).build(), "positions")
                .addVertex("e", new ElementWiseVertex(ElementWiseVertex.Op.Add), "tok", "pos")
                .addLayer("att", new SelfAttentionLayer.Builder().nIn(WIDTH).nOut(WIDTH).nHeads(HEADS)
                        .projectInput(true).build(), "e")
                .addVertex("r1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "e", "att")
                .addLayer("ff1", new DenseLayer.Builder().nIn(WIDTH).nOut(2 * WIDTH).hasLayerNorm(true)
                        .activation(Activation.RELU).build(), "r1")
                .addLayer("ff2", new DenseLayer.Builder().nIn(2 * WIDTH).nOut(WIDTH).activation(Activation.IDENTITY)
                        .build(), "ff1")
                .addVertex("ff2rnn", new PreprocessorVertex(new FeedForwardToRnnPreProcessor()), "ff2")
                .addVertex("r2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "r1", "ff2rnn")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "r2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(WIDTH).nOut(2)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph graph = new ComputationGraph(conf);
        graph.init();
        return graph;
    }

    /** {@code batch} random token sequences {@code [batch, 1, T]} (tokens 1..V−1). */
    public static INDArray tokens(DataType dataType, int batch, long seed) {
        Random rng = new Random(seed);
        INDArray x = Nd4j.zeros(dataType, batch, 1, LENGTH);
        for (int n = 0; n < batch; n++) {
            for (int t = 0; t < LENGTH; t++) {
                x.putScalar(new int[] {n, 0, t}, 1 + rng.nextInt(VOCABULARY - 1));
            }
        }
        return x;
    }

    /** The positions {@code [batch, 1, T]}: 0..T−1. */
    public static INDArray positions(DataType dataType, int batch) {
        INDArray steps = Nd4j.arange(LENGTH).castTo(dataType).reshape(1, 1, LENGTH);
        return Nd4j.zeros(dataType, batch, 1, LENGTH).addi(steps);
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
