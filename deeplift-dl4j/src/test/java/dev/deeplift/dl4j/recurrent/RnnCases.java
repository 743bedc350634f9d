package dev.deeplift.dl4j.recurrent;

import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.GravesBidirectionalLSTM;
import org.deeplearning4j.nn.conf.layers.GravesLSTM;
import org.deeplearning4j.nn.conf.layers.LSTM;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.RnnLossLayer;
import org.deeplearning4j.nn.conf.layers.RnnOutputLayer;
import org.deeplearning4j.nn.conf.layers.recurrent.Bidirectional;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The recurrent networks the tests explain: every layer and wrapper of the recurrent support, each followed by an
 * identity output layer so that DL4J's {@code output()} is the explained logit. Inputs have 3 features.
 *
 * @param name           for test names
 * @param layers         the layers for a data format
 * @param sequenceOutput true if the network ends in per-step outputs
 * @param zeroSteps      true if inputs should have all-zero steps (for MaskZeroLayer)
 */
record RnnCases(String name, Function<RNNFormat, Layer[]> layers, boolean sequenceOutput, boolean zeroSteps) {
    static final int IN = 3;
    static final int OUT = 3;

    @Override
    public String toString() {
        return name;
    }

    /** True for networks DL4J only computes as meant on NCW data (global pooling pools features on NWC). */
    boolean ncwOnly() {
        return name.startsWith("GlobalPooling");
    }

    static List<RnnCases> all() {
        return List.of(
                seq("LSTM", f -> lstm(f, Activation.TANH, Activation.SIGMOID)),
                seq("GravesLSTM", f -> new GravesLSTM.Builder().nIn(IN).nOut(4).activation(Activation.SOFTSIGN)
                        .gateActivationFunction(Activation.HARDSIGMOID).dataFormat(f).build()),
                seq("SimpleRnn", f -> simpleRnn(f)),
                seq("GravesBidirectionalLSTM", f -> new GravesBidirectionalLSTM.Builder().nIn(IN).nOut(4)
                        .activation(Activation.TANH).dataFormat(f).build()),
                seqMerged("Bidirectional CONCAT LSTM", 8, f -> new Bidirectional(Bidirectional.Mode.CONCAT,
                        lstm(f, Activation.TANH, Activation.SIGMOID))),
                seq("Bidirectional ADD SimpleRnn", f -> new Bidirectional(Bidirectional.Mode.ADD, simpleRnn(f))),
                seq("Bidirectional MUL GravesLSTM", f -> new Bidirectional(Bidirectional.Mode.MUL,
                        new GravesLSTM.Builder().nIn(IN).nOut(4).activation(Activation.TANH).dataFormat(f).build())),
                seq("Bidirectional AVERAGE LSTM", f -> new Bidirectional(Bidirectional.Mode.AVERAGE,
                        lstm(f, Activation.TANH, Activation.SIGMOID))),
                last("LastTimeStep LSTM", 4, f -> new LastTimeStep(lstm(f, Activation.TANH, Activation.SIGMOID))),
                last("LastTimeStep SimpleRnn", 4, f -> new LastTimeStep(simpleRnn(f))),
                last("LastTimeStep Bidirectional CONCAT LSTM", 8, f -> new LastTimeStep(new Bidirectional(
                        Bidirectional.Mode.CONCAT, lstm(f, Activation.TANH, Activation.SIGMOID)))),
                last("Bidirectional MUL LastTimeStep LSTM", 4, f -> new Bidirectional(Bidirectional.Mode.MUL,
                        new LastTimeStep(lstmInit(f)))),
                last("Bidirectional CONCAT LastTimeStep SimpleRnn", 8, f -> new Bidirectional(
                        Bidirectional.Mode.CONCAT, new LastTimeStep(new SimpleRnn.Builder().nIn(IN).nOut(4)
                        .activation(Activation.TANH).weightInit(WeightInit.XAVIER).dataFormat(f).build()))),
                new RnnCases("MaskZeroLayer LSTM", f -> new Layer[] {new MaskZeroLayer.Builder().setMaskValue(0.0)
                        .setUnderlying(lstm(f, Activation.TANH, Activation.SIGMOID)).build(), rnnOut(f, 4)}, true,
                        true),
                new RnnCases("MaskZeroLayer SimpleRnn", f -> new Layer[] {new MaskZeroLayer.Builder()
                        .setMaskValue(0.0).setUnderlying(simpleRnn(f)).build(), rnnOut(f, 4)}, true, true),
                pooled("GlobalPooling MAX", PoolingType.MAX),
                pooled("GlobalPooling AVG", PoolingType.AVG),
                pooled("GlobalPooling SUM", PoolingType.SUM),
                pooled("GlobalPooling PNORM", PoolingType.PNORM),
                new RnnCases("RnnLossLayer", f -> new Layer[] {lstm(f, Activation.TANH, Activation.SIGMOID),
                        new RnnLossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY)
                                .dataFormat(f).build()}, true, false));
    }

    static LSTM lstm(RNNFormat f, Activation act, Activation gate) {
        return new LSTM.Builder().nIn(IN).nOut(4).activation(act).gateActivationFunction(gate).dataFormat(f).build();
    }

    /** An LSTM reading {@code nIn} features. */
    static LSTM lstmWith(RNNFormat f, int nIn) {
        return new LSTM.Builder().nIn(nIn).nOut(4).activation(Activation.TANH).dataFormat(f).build();
    }

    /** An LSTM two wrappers deep needs its own weight init (DL4J does not pass the global one down). */
    static LSTM lstmInit(RNNFormat f) {
        return new LSTM.Builder().nIn(IN).nOut(4).activation(Activation.TANH).weightInit(WeightInit.XAVIER)
                .dataFormat(f).build();
    }

    static SimpleRnn simpleRnn(RNNFormat f) {
        return new SimpleRnn.Builder().nIn(IN).nOut(4).activation(Activation.TANH).dataFormat(f).build();
    }

    static RnnOutputLayer rnnOut(RNNFormat f, int nIn) {
        return new RnnOutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(nIn).nOut(OUT)
                .activation(Activation.IDENTITY).dataFormat(f).build();
    }

    static OutputLayer out(int nIn) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(nIn).nOut(OUT)
                .activation(Activation.IDENTITY).build();
    }

    static DenseLayer dense(int nIn, int nOut) {
        return new DenseLayer.Builder().nIn(nIn).nOut(nOut).activation(Activation.TANH).build();
    }

    private static RnnCases seq(String name, Function<RNNFormat, Layer> layer) {
        return seqMerged(name, 4, layer);
    }

    private static RnnCases seqMerged(String name, int units, Function<RNNFormat, Layer> layer) {
        return new RnnCases(name, f -> new Layer[] {layer.apply(f), rnnOut(f, units)}, true, false);
    }

    private static RnnCases last(String name, int units, Function<RNNFormat, Layer> layer) {
        return new RnnCases(name, f -> new Layer[] {layer.apply(f), out(units)}, false, false);
    }

    private static RnnCases pooled(String name, PoolingType type) {
        return new RnnCases(name, f -> new Layer[] {lstm(f, Activation.TANH, Activation.SIGMOID),
            new GlobalPoolingLayer.Builder(type).pnorm(2).build(), out(4)}, false, false);
    }
}
