package dev.deeplift.bench;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The embedded default job: trains a small network on a synthetic task whose answer is known (class 1 iff
 * {@code x0 + x1 > x2 + x3}; features 4..7 are noise), explains it with every rule, and prints the scores and
 * summation-to-delta errors. No downloads.
 */
public final class Demo {
    private Demo() {
    }

    /** Runs the demo. */
    public static void main(String[] args) {
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 2000, 8).subi(0.5).muli(2);
        INDArray cls = x.getColumn(0).add(x.getColumn(1)).sub(x.getColumn(2)).sub(x.getColumn(3)).gt(0)
                .castTo(DataType.FLOAT);
        INDArray labels = Nd4j.hstack(cls.rsub(1.0).reshape(-1, 1), cls.reshape(-1, 1));
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .updater(new Adam(0.01)).list()
                .layer(new DenseLayer.Builder().nIn(8).nOut(32).activation(Activation.RELU).build())
                .layer(new DenseLayer.Builder().nIn(32).nOut(16).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(16).nOut(2)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        for (int epoch = 0; epoch < 30; epoch++) {
            net.fit(new DataSet(x, labels));
        }
        INDArray sample = Nd4j.createFromArray(new float[][] {
            {0.9f, 0.8f, -0.7f, -0.6f, 0.1f, -0.1f, 0.2f, 0.0f},
            {-0.5f, -0.4f, 0.6f, 0.3f, 0.9f, 0.9f, -0.9f, 0.5f}});
        System.out.println("Network output (softmax): " + net.output(sample));
        for (Rule rule : Rule.values()) {
            Attribution a = DeepLift.of(net).withRule(rule).explain(sample, 1);
            System.out.printf("%n%s, target = logit of class 1, reference = zeros%n", rule);
            System.out.println("scores:\n" + a.scores());
            System.out.println("deltas (logit(x) - logit(ref)): " + a.deltas());
            System.out.printf("max summation-to-delta error: %.3g%n", a.maxSummationError());
        }
    }
}
