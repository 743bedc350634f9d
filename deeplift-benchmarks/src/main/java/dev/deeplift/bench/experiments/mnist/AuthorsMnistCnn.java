package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.bench.models.BenchmarkModels;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The MNIST network of the DeepLIFT authors' replication notebook (kundajelab/deeplift,
 * {@code examples/mnist/MNIST_replicate_figures.ipynb}, its Keras model summary, and
 * {@code examples/convert_models/keras1.2to2/MNIST.ipynb}, the Keras configuration it came from): two strided
 * convolutions with ReLU and no pooling, then two dense layers.
 *
 * <pre>
 * input 28×28×1
 * conv 4×4, 32 filters, stride 2, valid, ReLU     → 13×13×32     (544 parameters)
 * conv 4×4, 64 filters, stride 2, valid, ReLU     → 5×5×64       (32,832)
 * dropout, rate 0.25
 * dense 128, ReLU                                 → 128          (204,928)
 * dropout, rate 0.5
 * dense 10, softmax                               → 10           (1,290)
 * </pre>
 *
 * <p>{@value #PARAMETERS} parameters, as in the notebook's summary. Weights are Glorot-uniform (Keras's
 * {@code glorot_uniform}, DL4J's {@link WeightInit#XAVIER_UNIFORM}) from {@link BenchmarkModels#SEED}, biases zero.
 * The second convolution's input (13 wide) does not tile exactly with stride 2; like Keras's {@code valid}
 * padding, DL4J's {@link ConvolutionMode#Truncate} leaves the last row and column out. DL4J's dropout argument is the
 * probability of <em>keeping</em> a unit, so Keras's rates 0.25 and 0.5 are {@link DropoutLayer}s keeping 0.75 and
 * 0.5; both are the identity at inference (and in every attribution method).
 *
 * <p>What the notebook does not give, and is this project's choice: the training (the notebook loads weights trained
 * elsewhere); here {@link MnistCnnTrainer} trains with Adam. The authors' network was fed raw 0–255 grey values
 * (their conversion notebook measures its accuracy on unscaled images): {@link MnistModel#AUTHORS} feeds this
 * network the digits' [0, 1] values like the other model, {@link MnistModel#AUTHORS_RAW} the 0–255 values.
 */
public final class AuthorsMnistCnn {
    /** Trainable parameters: 544 + 32,832 + 204,928 + 1,290. */
    public static final int PARAMETERS = 239_594;
    /** Keras's dropout rate after the second convolution. */
    public static final double CONV_DROPOUT_RATE = 0.25;
    /** Keras's dropout rate after the dense layer. */
    public static final double DENSE_DROPOUT_RATE = 0.5;

    private AuthorsMnistCnn() {
    }

    /** The network, initialised from {@link BenchmarkModels#SEED}, with Adam at {@code learningRate} on every layer. */
    public static MultiLayerNetwork untrained(double learningRate) {
        MultiLayerNetwork net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder()
                .seed(BenchmarkModels.SEED).dataType(DataType.FLOAT)
                .weightInit(WeightInit.XAVIER_UNIFORM).biasInit(0).updater(new Adam(learningRate))
                .convolutionMode(ConvolutionMode.Truncate)
                .list()
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(32).activation(Activation.RELU).build())
                .layer(new ConvolutionLayer.Builder(4, 4).stride(2, 2).nOut(64).activation(Activation.RELU).build())
                .layer(dropout(CONV_DROPOUT_RATE))
                .layer(new DenseLayer.Builder().nOut(128).activation(Activation.RELU).build())
                .layer(dropout(DENSE_DROPOUT_RATE))
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(MnistDigits.CLASSES)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(MnistDigits.SIDE, MnistDigits.SIDE, 1))
                .build());
        net.init();
        return net;
    }

    /** A dropout layer dropping {@code rate} of its inputs in training (DL4J takes the share kept). */
    private static DropoutLayer dropout(double rate) {
        return new DropoutLayer.Builder(1.0 - rate).activation(Activation.IDENTITY).build();
    }
}
