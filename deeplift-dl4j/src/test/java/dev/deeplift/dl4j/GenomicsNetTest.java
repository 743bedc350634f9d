package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Genomics-shaped networks: one-hot DNA of length 200, explained per sigmoid task at the logit. */
class GenomicsNetTest {

    static INDArray oneHot(int n, int length, long seed, boolean channelsFirst) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(DataType.DOUBLE, n, 4, length);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < length; t++) {
                x.putScalar(new int[] {i, r.nextInt(4), t}, 1.0);
            }
        }
        return channelsFirst ? x : x.permute(0, 2, 1).dup();
    }

    private static void checkEveryTask(MultiLayerNetwork net, INDArray x, INDArray ref) {
        INDArray p = net.output(x);
        INDArray pRef = net.output(ref);
        for (RulePolicy policy : new RulePolicy[] {RulePolicy.uniform(Rule.RESCALE), RulePolicy.genomicsDefault(),
            RulePolicy.uniform(Rule.REVEAL_CANCEL)}) {
            for (int task = 0; task < 3; task++) {
                Attribution a = DeepLift.of(net).withRules(policy).explain(x, ref, task);
                for (int i = 0; i < x.size(0); i++) {
                    double logit = Math.log(p.getDouble(i, task) / (1 - p.getDouble(i, task)));
                    double logitRef = Math.log(pRef.getDouble(0, task) / (1 - pRef.getDouble(0, task)));
                    assertEquals(logit - logitRef, a.deltas().getDouble(i), 1e-8, policy + " task " + task);
                }
                assertTrue(a.maxSummationError() < 1e-9, policy + " task " + task + ": " + a.maxSummationError());
            }
        }
    }

    @Test
    void conv1dNetworkWithMaxPoolingIsExplainedPerTask() {
        var conf = new NeuralNetConfiguration.Builder().seed(5).dataType(DataType.DOUBLE).list()
                .layer(new Convolution1DLayer.Builder(9).nOut(8).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(4).stride(4).build())
                .layer(new Convolution1DLayer.Builder(5).nOut(8).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(3)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.recurrent(4, 200)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray ref = Nd4j.createFromArray(0.3, 0.2, 0.2, 0.3).reshape(1, 4, 1).repeat(2, 200);
        checkEveryTask(net, oneHot(3, 200, 1, true), ref);
    }

    @Test
    void heightOneConv2dNetworkWithDenseLayersIsExplainedPerTask() {
        var conf = new NeuralNetConfiguration.Builder().seed(6).dataType(DataType.DOUBLE).list()
                .layer(new ConvolutionLayer.Builder(1, 9).nOut(8).convolutionMode(ConvolutionMode.Same)
                        .activation(Activation.RELU).build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(1, 4).stride(1, 4).build())
                .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nOut(3)
                        .activation(Activation.SIGMOID).build())
                .setInputType(InputType.convolutional(1, 200, 4)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        INDArray x = oneHot(3, 200, 2, true).reshape(3, 4, 1, 200);
        INDArray ref = Nd4j.createFromArray(0.3, 0.2, 0.2, 0.3).reshape(1, 4, 1, 1).repeat(3, 200);
        checkEveryTask(net, x, ref);
    }
}
