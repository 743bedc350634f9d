package dev.deeplift.dl4j.attention;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.DeepLift;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** DenseLayer with hasLayerNorm(true), decomposed into exact steps; zero-variance rows refused. */
class LayerNormDenseTest {

    private static MultiLayerNetwork net() {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(5)
                .dataType(DataType.DOUBLE).weightInit(WeightInit.NORMAL).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).hasLayerNorm(true).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(6).nOut(5).hasLayerNorm(true).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(5).nOut(3)
                        .activation(Activation.IDENTITY).build())
                .build());
        net.init();
        Nd4j.getRandom().setSeed(9);
        for (int i = 0; i < 2; i++) {
            net.getLayer(i).getParam("g").assign(Nd4j.rand(DataType.DOUBLE, 1, i == 0 ? 6 : 5).addi(0.5));
            net.getLayer(i).getParam("b").assign(Nd4j.rand(DataType.DOUBLE, 1, i == 0 ? 6 : 5).subi(0.5));
        }
        return net;
    }

    @Test
    void theHandForwardIsDl4js() {
        MultiLayerNetwork net = net();
        double[][] x = Arrays3.d2(AttentionChecks.uniform(1, 1.0, 3, 4).reshape(3, 4));
        INDArray out = net.getLayer(0).activate(Arrays3.nd(x), false, org.deeplearning4j.nn.workspace
                .LayerWorkspaceMgr.noWorkspaces());
        HandDense hand = new HandDense(Arrays3.d2(net.getLayer(0).getParam("W")),
                Arrays3.d1(net.getLayer(0).getParam("b")), Arrays3.d1(net.getLayer(0).getParam("g")),
                z -> Math.max(0, z));
        for (int n = 0; n < 3; n++) {
            double[] h = hand.forward(x[n]);
            for (int f = 0; f < 6; f++) {
                assertTrue(Math.abs(h[f] - out.getDouble(n, f)) < 1e-12);
            }
        }
    }

    @Test
    void scoresSumToDl4jsOutputDifferencesUnderRescaleAndRevealCancel() {
        MultiLayerNetwork net = net();
        INDArray x = AttentionChecks.uniform(2, 2.0, 4, 4);
        INDArray ref = AttentionChecks.uniform(3, 0.5, 1, 4);
        Random r = new Random(1);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            AttentionChecks.check(DeepLift.of(net).withRule(rule), x, ref, null, r.nextInt(3),
                    (in, m) -> AttentionChecks.output(net, in, m));
        }
    }

    @Test
    void aReferenceWithZeroVarianceRowsIsRefusedNamingTheLayer() {
        MultiLayerNetwork net = net();
        INDArray x = AttentionChecks.uniform(4, 1.0, 2, 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> DeepLift.of(net).explain(x, Nd4j.zeros(DataType.DOUBLE, 1, 4), 0));
        assertTrue(e.getMessage().contains("zero variance") && e.getMessage().contains("layer 0"), e.getMessage());
    }
}
