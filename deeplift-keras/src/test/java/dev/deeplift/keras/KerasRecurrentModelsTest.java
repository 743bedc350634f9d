package dev.deeplift.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.DeepLift;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.layers.recurrent.LastTimeStepLayer;
import org.deeplearning4j.nn.modelimport.keras.Hdf5Archive;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Real recurrent Keras models imported with the corrections and explained (skipped where the models are absent:
 * they are not part of the project, see {@code /work/shared/data/real-models/README.md};
 * {@code -Drealmodels.dir=...} points elsewhere). lstm-issue4738: LSTM(96) → LSTM(96, last step) → Dense(1,
 * sigmoid), NWC [4, 12]; dga-lstm: LSTM(50, softsign / hard sigmoid) → Dense(1), a whole-model .h5.
 */
class KerasRecurrentModelsTest {
    private static final Path DIR = Path.of(System.getProperty("realmodels.dir", "/work/shared/data/real-models"));

    @Test
    void aTwoLayerLstmImportsAsKerasComputesItAndIsExplainedExactly() throws Exception {
        Path dir = DIR.resolve("lstm-issue4738");
        Assumptions.assumeTrue(Files.isDirectory(dir), "real models absent");
        Path h5 = dir.resolve("lstm_th_keras_2_weights.h5");
        MultiLayerNetwork net = KerasModels.importSequential(dir.resolve("lstm_th_keras_2_config.json"), h5);
        INDArray x = Nd4j.createFromNpyFile(dir.resolve("sequences_x_nwc.npy").toFile());
        INDArray keras = Nd4j.createFromNpyFile(dir.resolve("predictions.npy").toFile());
        INDArray out = net.output(x);
        for (int i = 0; i < keras.length(); i++) {
            assertEquals(keras.getDouble(i), out.getDouble(i, 0), 1e-6, "sequence " + i);
        }

        // Keras' own LSTM (gate blocks i, f, c, o) by hand, in double, on the HDF5 weights: the import's logits.
        MultiLayerNetwork dbl = net.convertDataType(DataType.DOUBLE);
        INDArray xd = x.castTo(DataType.DOUBLE).get(NDArrayIndex.interval(0, 40));
        double[][] logits = kerasLogits(h5, xd, dbl);
        INDArray dl4jLogits = logitsOf(dbl, xd);
        for (int i = 0; i < logits.length; i++) {
            assertEquals(logits[i][0], dl4jLogits.getDouble(i, 0), 1e-12, "logit of sequence " + i);
        }

        INDArray ref = Nd4j.zeros(DataType.DOUBLE, 1, 4, 12);
        INDArray refLogit = logitsOf(dbl, ref);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            Attribution a = DeepLift.of(dbl).withRule(rule).explain(xd, ref, 0);
            for (int i = 0; i < logits.length; i++) {
                assertEquals(dl4jLogits.getDouble(i, 0) - refLogit.getDouble(0, 0), a.deltas().getDouble(i), 1e-12);
            }
            assertTrue(a.maxSummationError() < 1e-10, rule + ": " + a.maxSummationError());
        }
    }

    @Test
    void aWholeModelH5ImportsAsTheReferenceOutputsAndIsExplainedExactly() throws Exception {
        Path dir = DIR.resolve("dga-lstm");
        Assumptions.assumeTrue(Files.isDirectory(dir), "real models absent");
        MultiLayerNetwork net = KerasModels.importSequentialModel(dir.resolve("model-proposed.h5"));
        List<String> domains = new ArrayList<>();
        List<Double> expected = new ArrayList<>();
        for (String line : Files.readAllLines(dir.resolve("reference_outputs.tsv"), StandardCharsets.UTF_8)) {
            if (!line.startsWith("domain\t")) {
                String[] f = line.split("\t");
                domains.add(f[0]);
                expected.add(Double.parseDouble(f[3]));
            }
        }
        String charset = "abcdefghijklmnopqrstuvwxyz0123456789.-";
        INDArray x = Nd4j.zeros(DataType.FLOAT, domains.size(), 67, charset.length());
        for (int i = 0; i < domains.size(); i++) {
            String d = domains.get(i);
            for (int s = 0; s < Math.min(67, d.length()); s++) {
                x.putScalar(new long[] {i, s, charset.indexOf(d.charAt(s))}, 1.0);
            }
        }
        INDArray out = net.output(x);
        for (int i = 0; i < domains.size(); i++) {
            assertEquals(expected.get(i), out.getDouble(i, 0), 2e-6, domains.get(i));
        }
        MultiLayerNetwork dbl = net.convertDataType(DataType.DOUBLE);
        INDArray xd = x.castTo(DataType.DOUBLE).get(NDArrayIndex.interval(0, 12));
        Attribution a = DeepLift.of(dbl).withRule(Rule.REVEAL_CANCEL).explain(xd, 0);
        INDArray dl4j = dbl.output(xd);
        INDArray dl4jRef = dbl.output(Nd4j.zeros(DataType.DOUBLE, 1, 67, charset.length()));
        for (int i = 0; i < 12; i++) {
            assertEquals(dl4j.getDouble(i, 0) - dl4jRef.getDouble(0, 0), a.deltas().getDouble(i), 1e-12);
        }
        assertTrue(a.maxSummationError() < 1e-10, "summation error " + a.maxSummationError());
    }

    /** The last layer's pre-activation: the sigmoid's inverse would lose digits, so the dense map by hand. */
    private static INDArray logitsOf(MultiLayerNetwork net, INDArray x) {
        INDArray last = net.feedForward(x, false).get(2);
        return last.mmul(net.getLayer(2).getParam("W")).addiRowVector(net.getLayer(2).getParam("b"));
    }

    /** Keras' LSTM (kernel, recurrent_kernel, bias in blocks i, f, c, o) twice, then the dense logit, by hand. */
    private static double[][] kerasLogits(Path h5, INDArray x, MultiLayerNetwork net) throws Exception {
        double[][][] seq = new double[(int) x.size(0)][4][12];
        for (int i = 0; i < seq.length; i++) {
            for (int t = 0; t < 4; t++) {
                for (int c = 0; c < 12; c++) {
                    seq[i][t][c] = x.getDouble(i, t, c);
                }
            }
        }
        try (Hdf5Archive a = new Hdf5Archive(h5.toString())) {
            double[][][] h1 = kerasLstm(seq, a, "lstm_1");
            double[][][] h2 = kerasLstm(h1, a, "lstm_2");
            double[][] w = net.getLayer(2).getParam("W").toDoubleMatrix();
            double b = net.getLayer(2).getParam("b").getDouble(0);
            double[][] out = new double[seq.length][1];
            for (int i = 0; i < seq.length; i++) {
                out[i][0] = b;
                for (int j = 0; j < w.length; j++) {
                    out[i][0] += h2[i][3][j] * w[j][0];
                }
            }
            return out;
        }
    }

    private static double[][][] kerasLstm(double[][][] x, Hdf5Archive a, String layer) throws Exception {
        double[][] kernel = a.readDataSet("kernel", layer, layer).castTo(DataType.DOUBLE).toDoubleMatrix();
        double[][] recurrent = a.readDataSet("recurrent_kernel", layer, layer).castTo(DataType.DOUBLE)
                .toDoubleMatrix();
        double[] bias = a.readDataSet("bias", layer, layer).castTo(DataType.DOUBLE).toDoubleVector();
        int h = recurrent.length;
        double[][][] out = new double[x.length][x[0].length][h];
        for (int n = 0; n < x.length; n++) {
            double[] hPrev = new double[h];
            double[] c = new double[h];
            for (int t = 0; t < x[0].length; t++) {
                double[] z = bias.clone();
                for (int j = 0; j < 4 * h; j++) {
                    for (int k = 0; k < kernel.length; k++) {
                        z[j] += x[n][t][k] * kernel[k][j];
                    }
                    for (int k = 0; k < h; k++) {
                        z[j] += hPrev[k] * recurrent[k][j];
                    }
                }
                double[] hNew = new double[h];
                for (int j = 0; j < h; j++) {
                    double i = hardSigmoid(z[j]);
                    double f = hardSigmoid(z[h + j]);
                    c[j] = f * c[j] + i * Math.tanh(z[2 * h + j]);
                    hNew[j] = hardSigmoid(z[3 * h + j]) * Math.tanh(c[j]);
                }
                hPrev = hNew;
                out[n][t] = hNew;
            }
        }
        return out;
    }

    /** Keras' hard sigmoid with ND4J's slope (the float 0.2f), as the imported network computes it. */
    private static double hardSigmoid(double z) {
        return Math.min(1.0, Math.max(0.0, (double) 0.2f * z + 0.5));
    }
}
