package example;

import dev.deeplift.core.Attribution;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A user's program: builds a network, explains it, and fails unless the scores sum to the deltas. */
public final class Consumer {
    public static void main(String[] args) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(7)
                .dataType(DataType.DOUBLE).list()
                .layer(new DenseLayer.Builder().nIn(4).nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .build());
        net.init();
        INDArray x = Nd4j.rand(DataType.DOUBLE, 5, 4);
        Attribution a = DeepLift.of(net).explain(x, Nd4j.zeros(DataType.DOUBLE, 1, 4), 2);
        System.out.println(a);
        System.out.println("backend: " + Nd4j.getBackend().getClass().getSimpleName());
        if (!(a.maxSummationError() < 1e-10)) {
            throw new AssertionError("summation-to-delta failed: " + a.maxSummationError());
        }
        System.out.println("CONSUMER OK");
    }
}
