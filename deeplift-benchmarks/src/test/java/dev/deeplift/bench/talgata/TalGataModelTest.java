package dev.deeplift.bench.talgata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

/** The model and the data from the resources fit together: the Keras outputs listed in SOURCES.md come out. */
class TalGataModelTest {

    @Test
    void modelGivesTheKerasOutputsOnTheLoadedTestSequences() {
        TalGataData data = TalGataData.loadTestSet();
        MultiLayerNetwork net = TalGataModel.load();
        INDArray out = net.output(data.oneHot());
        assertArrayEquals(new long[] {800, 3}, out.shape());
        // SOURCES.md: sigmoid outputs of the Keras model, four decimals.
        assertArrayEquals(new double[] {0.8628, 0.9453, 0.9994},
                out.getRow(data.indexOf("gata_tal1_1902")).toDoubleVector(), 1e-3);
        assertArrayEquals(new double[] {0.0060, 0.0035, 1.0000},
                out.getRow(data.indexOf("tal1_only_1168")).toDoubleVector(), 1e-3);
    }
}
