package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.engine.Batches;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * An example's scores never depend on the other examples of its batch: the tiny-divisor fallback of Rescale,
 * RevealCancel and cross-max pooling is decided per example, so a batch-mate with large activations leaves an
 * example's ratios alone.
 */
class BatchCompositionTest {

    /**
     * Hidden unit 0 is {@code z = −1e-4·x0 + 0.5e-4}: at x = (1, 0) against a zero reference it crosses the ReLU's kink
     * ({@code Δz = −1e-4}, Rescale ratio 0.5). Hidden unit 1 is {@code z = x1}: an example (0, 3e5) makes it huge. A
     * batch-wide threshold turned example (1, 0)'s ratio into the derivative at the midpoint (0).
     */
    private static MultiLayerNetwork kinkNet(DataType dt) {
        MultiLayerNetwork net = TestNets.dense(new Activation[] {Activation.RELU, Activation.IDENTITY},
                new double[][][] {{{-1e-4, 0}, {0, 1}}, {{1}, {1}}}, new double[][] {{0.5e-4, 0}, {0}});
        return dt == DataType.DOUBLE ? net : net.convertDataType(dt);
    }

    @ParameterizedTest
    @EnumSource(value = DataType.class, names = {"FLOAT", "DOUBLE"})
    void aLargeBatchMateDoesNotTurnAnExamplesRatiosIntoGradients(DataType dt) {
        MultiLayerNetwork net = kinkNet(dt);
        INDArray alone = Nd4j.createFromArray(new double[][] {{1, 0}}).castTo(dt);
        INDArray batch = Nd4j.createFromArray(new double[][] {{1, 0}, {0, dt == DataType.DOUBLE ? 3e10 : 3e5}})
                .castTo(dt);
        for (Rule rule : Rule.values()) {
            if (rule == Rule.GRADIENT) {
                continue;
            }
            DeepLift dl = DeepLift.of(net).withRule(rule);
            Attribution a = dl.explain(alone, 0);
            Attribution b = dl.explain(batch, 0);
            // Rescale: m = Δy/Δz = (0 − 0.5e-4)/(−1e-4) = 0.5 on unit 0, so x0 scores −1e-4·0.5·1 = −0.5e-4.
            assertEquals(-0.5e-4, a.scores().getDouble(0, 0), 1e-4 * tolerance(dt), rule.toString());
            assertEquals(a.scores().getDouble(0, 0), b.scores().getDouble(0, 0), 1e-4 * tolerance(dt),
                    rule + ": example 0 beside a large example");
            assertEquals(0.0, b.maxSummationError(), 1e-4 * tolerance(dt) + 3e5 * tolerance(dt));
        }
    }

    private static double tolerance(DataType dt) {
        return dt == DataType.DOUBLE ? 1e-12 : 1e-5;
    }

    @ParameterizedTest
    @EnumSource(value = Rule.class, names = {"RESCALE", "REVEAL_CANCEL"})
    void everyExampleOfARandomBatchScoresWhatItScoresAloneEvenBesideAnOutlier(Rule rule) {
        Random rng = new Random(11);
        for (int trial = 0; trial < 6; trial++) {
            DataType dt = trial % 2 == 0 ? DataType.DOUBLE : DataType.FLOAT;
            IActivation[] acts = {Activation.RELU.getActivationFunction(), Activation.TANH.getActivationFunction(),
                    Activation.SIGMOID.getActivationFunction()};
            MultiLayerNetwork net = TestNets.mlp(dt, 100 + trial, new int[] {6, 9, 7, 3},
                    new IActivation[] {acts[trial % 3], acts[(trial + 1) % 3]}, Activation.SOFTMAX);
            int n = 7;
            INDArray x = TestNets.uniform(dt, 200 + trial, 1.0, n, 6);
            // An un-normalised outlier, and a reference close to the inputs (a blurred-reference situation).
            x.getRow(rng.nextInt(n)).muli(1e4);
            INDArray ref = x.add(TestNets.uniform(dt, 300 + trial, 1e-3, n, 6));
            DeepLift dl = DeepLift.of(net).withRule(rule);
            int[] targets = new int[n];
            for (int i = 0; i < n; i++) {
                targets[i] = rng.nextInt(3);
            }
            Attribution batch = dl.explain(x, ref, targets);
            for (int i = 0; i < n; i++) {
                Attribution one = dl.explain(Batches.rows(x, i, i + 1), Batches.rows(ref, i, i + 1),
                        new int[] {targets[i]});
                assertSame(one.scores(), Batches.rows(batch.scores(), i, i + 1), dt, "trial " + trial + " ex " + i);
            }
        }
    }

    @org.junit.jupiter.api.Test
    void deepShapPairsScoreWhatEachPairScoresAlone() {
        MultiLayerNetwork net = kinkNet(DataType.DOUBLE);
        INDArray x = Nd4j.createFromArray(new double[][] {{1, 0}, {0.5, 2}});
        INDArray background = Nd4j.createFromArray(new double[][] {{0, 0}, {0, 3e10}, {0.2, 0.1}});
        Attribution shap = DeepShap.of(DeepLift.of(net)).withBatchSize(6).explain(x, Reference.background(background),
                0);
        DeepLift dl = DeepLift.of(net);
        for (int i = 0; i < 2; i++) {
            INDArray sum = Nd4j.zeros(DataType.DOUBLE, 1, 2);
            for (int k = 0; k < 3; k++) {
                sum.addi(dl.explain(Batches.rows(x, i, i + 1), Batches.rows(background, k, k + 1), 0).scores());
            }
            assertSame(sum.divi(3), Batches.rows(shap.scores(), i, i + 1), DataType.DOUBLE, "example " + i);
        }
    }

    private static void assertSame(INDArray expected, INDArray actual, DataType dt, String what) {
        double scale = Math.max(1.0, expected.amaxNumber().doubleValue());
        double tol = dt == DataType.DOUBLE ? 1e-12 : 1e-4;
        INDArray e = expected.castTo(DataType.DOUBLE).reshape(expected.length());
        INDArray a = actual.castTo(DataType.DOUBLE).reshape(actual.length());
        for (int j = 0; j < e.length(); j++) {
            assertEquals(e.getDouble(j), a.getDouble(j), tol * scale, what + " feature " + j);
        }
    }

    /**
     * The same on the paths the FLOAT kernels take (ReLU after a convolution, cross-max pooling, a dense ReLU) and
     * through an LSTM (its gates' ratios and products): each example of a batch holding an outlier scores what it
     * scores alone, in FLOAT and DOUBLE.
     */
    @ParameterizedTest
    @EnumSource(value = Rule.class, names = {"RESCALE", "REVEAL_CANCEL"})
    void convolutionalAndRecurrentExamplesScoreWhatTheyScoreAlone(Rule rule) {
        for (DataType dt : new DataType[] {DataType.FLOAT, DataType.DOUBLE}) {
            MultiLayerNetwork cnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5).dataType(dt)
                    .list()
                    .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                    .layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                            .stride(2, 2).build())
                    .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                            .activation(Activation.SOFTMAX).build())
                    .setInputType(InputType.convolutional(8, 8, 1)).build());
            cnn.init();
            INDArray images = TestNets.uniform(dt, 41, 1.0, 5, 1, 8, 8);
            images.get(NDArrayIndex.point(3)).muli(1e3);
            checkAloneAndInBatch(DeepLift.of(cnn).withRule(rule), images, Nd4j.zeros(dt, 1, 1, 8, 8),
                    new int[] {0, 1, 2, 0, 1}, dt, "cnn " + dt);
            MultiLayerNetwork lstm = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(6).dataType(dt)
                    .list()
                    .layer(new LastTimeStep(new LSTM.Builder().nIn(3).nOut(5).activation(Activation.TANH).build()))
                    .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(5).nOut(2)
                            .activation(Activation.SOFTMAX).build())
                    .build());
            lstm.init();
            INDArray sequences = TestNets.uniform(dt, 42, 1.0, 4, 3, 6);
            sequences.get(NDArrayIndex.point(1)).muli(1e2);
            checkAloneAndInBatch(DeepLift.of(lstm).withRule(rule), sequences, Nd4j.zeros(dt, 1, 3, 6),
                    new int[] {1, 0, 1, 1}, dt, "lstm " + dt);
        }
    }

    private static void checkAloneAndInBatch(DeepLift dl, INDArray x, INDArray ref, int[] targets, DataType dt,
                                             String what) {
        Attribution batch = dl.explain(x, ref, targets);
        for (int i = 0; i < targets.length; i++) {
            Attribution one = dl.explain(Batches.rows(x, i, i + 1), ref, new int[] {targets[i]});
            assertSame(one.scores(), Batches.rows(batch.scores(), i, i + 1), dt, what + " example " + i);
        }
    }

    @Test
    void chunkingDoesNotChangeScores() {
        MultiLayerNetwork net = kinkNet(DataType.DOUBLE);
        INDArray batch = Nd4j.createFromArray(new double[][] {{1, 0}, {0, 3e10}, {2, -1}});
        Attribution whole = DeepLift.of(net).explain(batch, 0);
        Attribution chunked = DeepLift.of(net).withChunkSize(1).explain(batch, 0);
        assertSame(whole.scores(), chunked.scores(), DataType.DOUBLE, "chunk size 1");
    }
}
