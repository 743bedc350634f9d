package dev.deeplift.dl4j.recurrent;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Target;
import dev.deeplift.core.UnsupportedLayerException;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.recurrent.LastTimeStep;
import org.deeplearning4j.nn.conf.layers.recurrent.SimpleRnn;
import org.deeplearning4j.nn.conf.layers.util.MaskZeroLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bad inputs and unsupported configurations of sequence models: clear errors before any work. */
class RecurrentBadInputTest {
    private static final MultiLayerNetwork SEQUENCE_OUT = RnnNets.mln(1, RnnCases.lstm(RNNFormat.NCW,
            Activation.TANH, Activation.SIGMOID), RnnCases.rnnOut(RNNFormat.NCW, 4));
    private static final INDArray X = RnnNets.input(RnnNets.sequences(1, 2, 5, 3), RNNFormat.NCW);

    private static String message(Runnable r) {
        return assertThrows(RuntimeException.class, r::run).getMessage();
    }

    @Test
    void aReferenceWithAnotherNumberOfStepsIsRefused() {
        INDArray ref = Nd4j.zeros(DataType.DOUBLE, 1, 3, 4);
        String m = message(() -> DeepLift.of(SEQUENCE_OUT).explain(X, ref, Target.unitAtStep(0, 1)));
        assertTrue(m.contains("reference has shape [1, 3, 4]"), m);
    }

    @Test
    void masksOfTheWrongShapeOrValuesAreRefused() {
        INDArray ref = X.mul(0);
        DeepLift dl = DeepLift.of(SEQUENCE_OUT);
        String steps = message(() -> dl.explain(X, ref, Target.unitAtStep(0, 1), Nd4j.ones(DataType.DOUBLE, 2, 4)));
        assertTrue(steps.contains("5 time steps"), steps);
        String rows = message(() -> dl.explain(X, ref, Target.unitAtStep(0, 1), Nd4j.ones(DataType.DOUBLE, 3, 5)));
        assertTrue(rows.contains("[N, T] = [2, "), rows);
        INDArray half = Nd4j.ones(DataType.DOUBLE, 2, 5).muli(0.5);
        String values = message(() -> dl.explain(X, ref, Target.unitAtStep(0, 1), half));
        assertTrue(values.contains("only 0 (padding) and 1"), values);
        INDArray empty = Nd4j.ones(DataType.DOUBLE, 2, 5);
        empty.getRow(1).assign(0);
        String all = message(() -> dl.explain(X, ref, Target.unitAtStep(0, 1), empty));
        assertTrue(all.contains("every step of example 1"), all);
    }

    @Test
    void aSequenceOutputTargetWithoutATimeStepIsRefused() {
        String m = message(() -> DeepLift.of(SEQUENCE_OUT).explain(X, X.mul(0), 1));
        assertTrue(m.contains("is a sequence") && m.contains("name a time step"), m);
        String p = message(() -> DeepLift.of(SEQUENCE_OUT).explainPredicted(X, X.mul(0)));
        assertTrue(p.contains("time step"), p);
        String range = message(() -> DeepLift.of(SEQUENCE_OUT).explain(X, X.mul(0), Target.unitAtStep(0, 5)));
        assertTrue(range.contains("Time step 5") && range.contains("out of range"), range);
        String unit = message(() -> DeepLift.of(SEQUENCE_OUT).explain(X, X.mul(0), Target.unitAtStep(3, 0)));
        assertTrue(unit.contains("out of range"), unit);
    }

    @Test
    void aTimeStepOnAnOutputThatIsNotASequenceIsRefused() {
        MultiLayerNetwork net = RnnNets.mln(1, new LastTimeStep(RnnCases.lstm(RNNFormat.NCW, Activation.TANH,
                Activation.SIGMOID)), RnnCases.out(4));
        String m = message(() -> DeepLift.of(net).explain(X, X.mul(0), Target.unitAtStep(0, 1)));
        assertTrue(m.contains("not a sequence"), m);
    }

    @Test
    void simpleRnnWithLayerNormalizationIsRefusedNamingTheDl4jFault() {
        MultiLayerNetwork net = RnnNets.mln(1, new SimpleRnn.Builder().nIn(3).nOut(4).hasLayerNorm(true)
                .activation(Activation.TANH).build(), RnnCases.rnnOut(RNNFormat.NCW, 4));
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(net));
        assertTrue(e.getMessage().contains("layer normalization"), e.getMessage());
    }

    @Test
    void maskZeroAroundAWrapperIsRefused() {
        MultiLayerNetwork net = RnnNets.mln(1, new MaskZeroLayer.Builder().setMaskValue(0.0).setUnderlying(
                new LastTimeStep(RnnCases.lstm(RNNFormat.NCW, Activation.TANH, Activation.SIGMOID))).build(),
                RnnCases.out(4));
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> DeepLift.of(net));
        assertTrue(e.getMessage().contains("MaskZeroLayer wraps LastTimeStep"), e.getMessage());
    }

    @Test
    void maskedPoolingOfNwcSequencesIsRefusedNamingTheDl4jDefect() {
        MultiLayerNetwork net = RnnNets.mln(1, RnnCases.lstm(RNNFormat.NWC, Activation.TANH, Activation.SIGMOID),
                new GlobalPoolingLayer.Builder(PoolingType.AVG).poolingDimensions(1).build(), RnnCases.out(4));
        INDArray x = RnnNets.input(RnnNets.sequences(1, 4, 7, 3), RNNFormat.NWC);
        DeepLift dl = DeepLift.of(net);
        dl.explain(x, x.mul(0), 1); // without padding: pools time (poolingDimensions(1)), as DL4J does
        UnsupportedLayerException e = assertThrows(UnsupportedLayerException.class, () -> dl.explain(x, x.mul(0),
                Target.of(0, 1), RnnNets.array(RnnNets.masks(7))));
        assertTrue(e.getMessage().contains("GlobalPoolingLayer") || e.getMessage().contains("pool"), e.getMessage());
    }
}
