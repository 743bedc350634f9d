package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import java.util.function.Function;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.Deconvolution2D;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PReLULayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SeparableConvolution2D;
import org.deeplearning4j.nn.conf.layers.SpaceToDepthLayer;
import org.deeplearning4j.nn.conf.layers.Subsampling1DLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling1D;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.ZeroPadding1DLayer;
import org.deeplearning4j.nn.conf.layers.ZeroPaddingLayer;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping1D;
import org.deeplearning4j.nn.conf.layers.convolutional.Cropping2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Every convolutional layer kind: deltas equal DL4J's own outputs and scores sum to them, under every policy. */
class ConvNetsTest {
    private static final RulePolicy[] POLICIES = {RulePolicy.uniform(Rule.RESCALE),
        RulePolicy.uniform(Rule.REVEAL_CANCEL), RulePolicy.genomicsDefault()};

    private static NeuralNetConfiguration.ListBuilder base(DataType dt) {
        return new NeuralNetConfiguration.Builder().seed(12).dataType(dt).weightInit(WeightInit.XAVIER)
                .biasInit(0.1).list();
    }

    private static OutputLayer out(int n) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(n).activation(Activation.IDENTITY).build();
    }

    private static MultiLayerNetwork init(NeuralNetConfiguration.ListBuilder b) {
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        // Move batch-norm statistics and PReLU slopes away from their defaults.
        for (int i = 0; i < net.getnLayers(); i++) {
            var params = net.getLayer(i).paramTable();
            for (var e : params.entrySet()) {
                if (e.getKey().equals("var") || e.getKey().equals("log10stdev")) {
                    e.getValue().assign(Nd4j.rand(e.getValue().dataType(), e.getValue().shape()).addi(0.5));
                } else if (e.getKey().equals("mean") || e.getKey().equals("beta") || e.getKey().equals("gamma")
                        || (net.getLayer(i).conf().getLayer() instanceof PReLULayer)) {
                    e.getValue().assign(Nd4j.rand(e.getValue().dataType(), e.getValue().shape()).subi(0.5).muli(2));
                }
            }
        }
        return net;
    }

    record Case(String name, Function<DataType, MultiLayerNetwork> net, long[] inputShape) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("cnn NCHW: conv same, BN, relu, maxpool, conv stride 2, global avg, dense", dt -> init(base(dt)
                        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.IDENTITY).build())
                        .layer(new BatchNormalization.Builder().build())
                        .layer(new ActivationLayer(Activation.RELU))
                        .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                        .layer(new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(5).activation(Activation.TANH)
                                .build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                        .layer(new DenseLayer.Builder().nOut(6).activation(Activation.RELU).build())
                        .layer(out(3)).setInputType(InputType.convolutional(10, 9, 2))), new long[] {2, 10, 9}),
                new Case("cnn NHWC: conv, BN, relu, overlapping maxpool, global max", dt -> init(base(dt)
                        .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).dataFormat(CNN2DFormat.NHWC)
                                .activation(Activation.IDENTITY).build())
                        .layer(new BatchNormalization.Builder().dataFormat(CNN2DFormat.NHWC).build())
                        .layer(new ActivationLayer(Activation.RELU))
                        .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(3, 3).stride(1, 1)
                                .dataFormat(CNN2DFormat.NHWC).build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).build())
                        .layer(out(3)).setInputType(InputType.convolutional(8, 7, 2, CNN2DFormat.NHWC))),
                        new long[] {8, 7, 2}),
                new Case("convolutionalFlat, dilation, avg pool with padding, dense", dt -> init(base(dt)
                        .layer(new ConvolutionLayer.Builder(3, 3).dilation(2, 2).nOut(3).activation(Activation.ELU)
                                .build())
                        .layer(new SubsamplingLayer.Builder(PoolingType.AVG).kernelSize(2, 2).stride(2, 2)
                                .padding(1, 1).build())
                        .layer(new DenseLayer.Builder().nOut(5).activation(Activation.SIGMOID).build())
                        .layer(out(2)).setInputType(InputType.convolutionalFlat(9, 9, 1))), new long[] {81}),
                new Case("depthwise, separable, deconvolution", dt -> init(base(dt)
                        .layer(new DepthwiseConvolution2D.Builder(3, 3).depthMultiplier(2).nOut(4)
                                .activation(Activation.RELU).build())
                        .layer(new SeparableConvolution2D.Builder(2, 2).nOut(3).activation(Activation.TANH).build())
                        .layer(new Deconvolution2D.Builder(2, 2).stride(2, 2).nOut(2).activation(Activation.RELU)
                                .build())
                        .layer(out(2)).setInputType(InputType.convolutional(7, 7, 2))), new long[] {2, 7, 7}),
                new Case("padding, cropping, upsampling, space-to-depth, PReLU", dt -> init(base(dt)
                        .layer(new ZeroPaddingLayer.Builder(1, 2, 0, 1).build())
                        .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).activation(Activation.IDENTITY).build())
                        .layer(new PReLULayer.Builder().inputShape(3, 8, 6).sharedAxes(3).build())
                        .layer(new Cropping2D(1, 0, 0, 1))
                        .layer(new Upsampling2D.Builder(2).build())
                        .layer(new SpaceToDepthLayer.Builder(2, SpaceToDepthLayer.DataFormat.NCHW).build())
                        .layer(new ConvolutionLayer.Builder(1, 1).nOut(2).activation(Activation.SOFTPLUS).build())
                        .layer(out(2)).setInputType(InputType.convolutional(6, 6, 1))), new long[] {1, 6, 6}),
                new Case("conv1d NCW: causal, same, max pool 1d, padding, cropping, upsampling 1d", dt -> init(base(dt)
                        .layer(new Convolution1DLayer.Builder(3).nOut(4).convolutionMode(ConvolutionMode.Causal)
                                .activation(Activation.RELU).build())
                        .layer(new Convolution1DLayer.Builder(3).nOut(4).convolutionMode(ConvolutionMode.Same)
                                .activation(Activation.RELU).build())
                        .layer(new Subsampling1DLayer.Builder(PoolingType.MAX).kernelSize(2).stride(2).build())
                        .layer(new ZeroPadding1DLayer.Builder(1, 2).build())
                        .layer(new Cropping1D.Builder(1, 1).build())
                        .layer(new Upsampling1D.Builder(2).build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.SUM).build())
                        .layer(out(3)).setInputType(InputType.recurrent(4, 12))), new long[] {4, 12}),
                new Case("conv1d NWC, stride 2", dt -> init(base(dt)
                        .layer(new Convolution1DLayer.Builder(5).stride(2).nOut(4).rnnDataFormat(RNNFormat.NWC)
                                .activation(Activation.RELU).build())
                        .layer(new Convolution1DLayer.Builder(3).nOut(3).rnnDataFormat(RNNFormat.NWC)
                                .activation(Activation.SIGMOID).build())
                        .layer(new GlobalPoolingLayer.Builder(PoolingType.MAX).poolingDimensions(1).build())
                        .layer(out(2)).setInputType(InputType.recurrent(4, 15, RNNFormat.NWC))), new long[] {15, 4}));
    }

    static Stream<Arguments> casesByType() {
        return cases().flatMap(c -> Stream.of(DataType.DOUBLE, DataType.FLOAT).map(dt -> Arguments.of(c, dt)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("casesByType")
    void deltasMatchDl4jAndScoresSumToThem(Case c, DataType dt) {
        MultiLayerNetwork net = c.net().apply(dt);
        long[] shape = new long[c.inputShape().length + 1];
        shape[0] = 3;
        System.arraycopy(c.inputShape(), 0, shape, 1, c.inputShape().length);
        INDArray x = TestNets.uniform(dt, 1, 1.0, shape);
        shape[0] = 1;
        INDArray sharedRef = TestNets.uniform(dt, 2, 1.0, shape);
        shape[0] = 3;
        INDArray refs = TestNets.uniform(dt, 3, 1.0, shape);
        for (RulePolicy p : POLICIES) {
            Dl4jChecks.explainAndCheck(net, x, sharedRef, 1, p);
            Dl4jChecks.explainAndCheck(net, x, refs, 0, p);
        }
    }

    @Test
    void nchwAndNhwcNetworksWithTheSameParametersGiveTheSameScoresUpToLayout() {
        Function<CNN2DFormat, MultiLayerNetwork> build = f -> init(base(DataType.DOUBLE)
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).dataFormat(f).activation(Activation.IDENTITY).build())
                .layer(new BatchNormalization.Builder().dataFormat(f).build())
                .layer(new ActivationLayer(Activation.RELU))
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).dataFormat(f).build())
                .layer(new ConvolutionLayer.Builder(2, 2).nOut(3).dataFormat(f).activation(Activation.RELU).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new DenseLayer.Builder().nOut(4).activation(Activation.TANH).build())
                .layer(out(3)).setInputType(InputType.convolutional(8, 8, 2, f)));
        MultiLayerNetwork nchw = build.apply(CNN2DFormat.NCHW);
        MultiLayerNetwork nhwc = build.apply(CNN2DFormat.NHWC);
        nhwc.setParams(nchw.params());
        INDArray x = TestNets.uniform(DataType.DOUBLE, 4, 1.0, 3, 2, 8, 8);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 5, 1.0, 1, 2, 8, 8);
        INDArray xl = x.permute(0, 2, 3, 1).dup();
        INDArray refl = ref.permute(0, 2, 3, 1).dup();
        assertTrue(nchw.output(x).equalsWithEps(nhwc.output(xl), 1e-10), "the two networks differ");
        for (RulePolicy p : POLICIES) {
            Attribution a = DeepLift.of(nchw).withRules(p).explain(x, ref, 2);
            Attribution b = DeepLift.of(nhwc).withRules(p).explain(xl, refl, 2);
            assertTrue(a.scores().permute(0, 2, 3, 1).equalsWithEps(b.scores(), 1e-10), p.toString());
        }
    }
}
