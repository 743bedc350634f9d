package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.EmbeddingReference;
import dev.deeplift.core.reference.Reference;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Token indices, references and networks that are refused before any work, with messages that say why. */
class EmbeddingBadInputTest {
    private static final MultiLayerNetwork NET = EmbeddingNets.pooled(21, 5, 3, RNNFormat.NCW, false,
            Activation.IDENTITY, PoolingType.AVG, 4, 2);
    private static final DeepLift DL = DeepLift.of(NET);
    private static final INDArray X = Nd4j.createFromArray(new double[][] {{0, 1, 4}, {2, 3, 3}});
    private static final INDArray REF = Nd4j.createFromArray(new double[][] {{0, 0, 0}});

    private static void refused(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }

    private static INDArray with(INDArray a, long i, long t, double v) {
        INDArray c = a.dup();
        c.putScalar(i, t, v);
        return c;
    }

    @Test
    void tokensOutsideTheVocabularyAreRefusedNamingExampleAndStep() {
        refused("token 5 at example 1, step 2, outside the vocabulary of 5 tokens (0..4)",
                () -> DL.explain(with(X, 1, 2, 5), REF, 0));
        refused("token -1 at example 0, step 1", () -> DL.explain(with(X, 0, 1, -1), REF, 0));
        refused("reference has token 9 at example 0, step 0", () -> DL.explain(X, with(REF, 0, 0, 9), 0));
    }

    @Test
    void nonIntegralNanAndInfiniteTokensAreRefused() {
        refused("2.5 at example 1, step 0: token indices must be whole numbers (DL4J would truncate it to 2)",
                () -> DL.explain(with(X, 1, 0, 2.5), REF, 0));
        refused("NaN", () -> DL.explain(with(X, 0, 0, Double.NaN), REF, 0));
        refused("NaN or infinite", () -> DL.explain(X, with(REF, 0, 2, Double.POSITIVE_INFINITY), 0));
        refused("whole numbers", () -> DL.explain(X, with(REF, 0, 2, 0.25), 0));
        refused("integrated gradients", () -> Methods.integratedGradients(NET, 4).explain(X, REF, new int[] {0, 1}));
    }

    @Test
    void tokenArraysOfTheWrongShapeOrTypeAreRefused() {
        refused("but the network expects [N, T] or [N, 1, T] token indices",
                () -> DL.explain(Nd4j.zeros(DataType.DOUBLE, 2, 2, 3), REF, 0));
        refused("expects [N, T] or [N, 1, T]", () -> DL.explain(Nd4j.zeros(DataType.DOUBLE, 2, 1, 3, 1), REF, 0));
        refused("reference has shape [1, 4]", () -> DL.explain(X, Nd4j.zeros(DataType.DOUBLE, 1, 4), 0));
        refused("reference has shape [1, 1, 3]", () -> DL.explain(X, Nd4j.zeros(DataType.DOUBLE, 1, 1, 3), 0));
        refused("floating-point", () -> DL.explain(X.castTo(DataType.INT), REF, 0));
        MultiLayerNetwork single = EmbeddingNets.single(22, 5, 3, false, Activation.IDENTITY, 4, 2);
        refused("expects [N, 1] token indices",
                () -> DeepLift.of(single).explain(Nd4j.zeros(DataType.DOUBLE, 3, 2), Nd4j.zeros(1, 1), 0));
    }

    @Test
    void referenceVectorsOfTheWrongShapeAndForNetworksWithoutTokensAreRefused() {
        refused("EmbeddingReference.vectors has shape [1, 3, 4] but the embedding layer's output for these tokens "
                + "is [2, 3, 3]", () -> DL.explain(X, EmbeddingReference.vectors(Nd4j.zeros(1, 3, 4)), 0));
        refused("is [2, 3, 3]", () -> DL.explain(X, EmbeddingReference.vectors(Nd4j.zeros(3, 3, 3)), 0));
        refused("is [2, 3, 3]", () -> DL.explain(X, EmbeddingReference.vectors(Nd4j.zeros(1, 3)), 0));
        refused("NaN", () -> EmbeddingReference.vectors(Nd4j.zeros(DataType.DOUBLE, 1, 3, 3).putScalar(0,
                Double.NaN)));
        MultiLayerNetwork dense = TestNets.mlp(DataType.DOUBLE, 1, new int[] {3, 2},
                new org.nd4j.linalg.activations.IActivation[0], Activation.IDENTITY);
        refused("needs a network whose input holds token indices",
                () -> DeepLift.of(dense).explain(Nd4j.zeros(2, 3), EmbeddingReference.zeros(), 0));
    }

    @Test
    void aBackgroundSampleOutsideTheVocabularyIsRefusedBeforeAnyWork() {
        INDArray background = Nd4j.createFromArray(new double[][] {{0, 1, 2}, {1, 7, 0}});
        refused("token 7", () -> DeepShap.of(DL).explain(X, Reference.background(background), 0));
    }

    @Test
    void embeddingLayersThatDoNotReadANetworkInputAndInputsFeedingOtherLayersAreRefused() {
        MultiLayerConfiguration inner = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(2).nOut(1).activation(Activation.RELU).build())
                .layer(new EmbeddingLayer.Builder().nIn(4).nOut(3).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(inner);
        net.init();
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(net));
        assertTrue(e.getMessage().contains("layer 1") && e.getMessage().contains("must read a network input of "
                + "token indices directly"), e.getMessage());
    }

    @Test
    void aFixedInputLengthIsEnforced() {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list()
                .layer(new EmbeddingSequenceLayer.Builder().nIn(5).nOut(3).inputLength(3).inferInputLength(false)
                        .build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).poolingDimensions(2).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(1)
                        .activation(Activation.IDENTITY).build())
                .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        DeepLift.of(net).explain(X, REF, 0);
        refused("expects [N, 3] or [N, 1, 3] token indices", () -> DeepLift.of(net)
                .explain(Nd4j.zeros(DataType.DOUBLE, 2, 4), Nd4j.zeros(DataType.DOUBLE, 1, 4), 0));
    }
}
