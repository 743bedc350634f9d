package dev.deeplift.keras;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.modelimport.keras.KerasLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.shade.jackson.databind.ObjectMapper;

/**
 * Keras 2 layer configurations (JSON, as {@code model.to_json()} writes them), Keras-layout weights and small DOUBLE
 * networks built from DL4J's import of them, for the recurrent import tests.
 */
final class KerasRecurrentFixtures {
    private static final ObjectMapper JSON = new ObjectMapper();

    private KerasRecurrentFixtures() {
    }

    /** A layer configuration as DL4J's Keras layer classes take it (Keras 2). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> config(String json) throws Exception {
        Map<String, Object> m = JSON.readValue(json, Map.class);
        m.put("keras_version", 2);
        return m;
    }

    private static String init(String className) {
        return "{\"class_name\": \"" + className + "\", \"config\": {}}";
    }

    private static String shape(int steps, int features) {
        return steps < 0 ? "" : ", \"batch_input_shape\": [null, " + steps + ", " + features + "]";
    }

    /** A Keras {@code SimpleRNN}; {@code steps < 0} leaves the input shape out (inside a model or a wrapper). */
    static String simpleRnn(String name, int units, String activation, boolean returnSequences, int steps,
                            int features, String recurrentInit) {
        return "{\"class_name\": \"SimpleRNN\", \"config\": {\"name\": \"" + name + "\", \"units\": " + units
                + ", \"activation\": \"" + activation + "\", \"use_bias\": true, \"return_sequences\": "
                + returnSequences + shape(steps, features) + ", \"kernel_initializer\": " + init("Zeros")
                + ", \"recurrent_initializer\": " + init(recurrentInit) + ", \"bias_initializer\": " + init("Zeros")
                + ", \"dropout\": 0.0, \"recurrent_dropout\": 0.0, \"unroll\": false, \"stateful\": false,"
                + " \"go_backwards\": false, \"return_state\": false, \"trainable\": true}}";
    }

    /** A Keras {@code LSTM} with a sigmoid recurrent activation (the Keras 2.3+ default). */
    static String lstm(String name, int units, boolean returnSequences, int steps, int features,
                       String recurrentInit) {
        return "{\"class_name\": \"LSTM\", \"config\": {\"name\": \"" + name + "\", \"units\": " + units
                + ", \"activation\": \"tanh\", \"recurrent_activation\": \"sigmoid\", \"use_bias\": true,"
                + " \"unit_forget_bias\": true, \"return_sequences\": " + returnSequences + shape(steps, features)
                + ", \"kernel_initializer\": " + init("Zeros") + ", \"recurrent_initializer\": " + init(recurrentInit)
                + ", \"bias_initializer\": " + init("Zeros") + ", \"dropout\": 0.0, \"recurrent_dropout\": 0.0,"
                + " \"implementation\": 1, \"unroll\": false, \"stateful\": false, \"go_backwards\": false,"
                + " \"return_state\": false, \"trainable\": true}}";
    }

    /** A Keras {@code Bidirectional} wrapper around {@code inner}. */
    static String bidirectional(String name, String inner, String mergeMode, int steps, int features) {
        return "{\"class_name\": \"Bidirectional\", \"config\": {\"name\": \"" + name + "\", \"merge_mode\": \""
                + mergeMode + "\", \"layer\": " + inner + shape(steps, features) + ", \"trainable\": true}}";
    }

    /** A Keras {@code Dense} with a linear activation. */
    static String dense(String name, int units) {
        return "{\"class_name\": \"Dense\", \"config\": {\"name\": \"" + name + "\", \"units\": " + units
                + ", \"activation\": \"linear\", \"use_bias\": true, \"kernel_initializer\": " + init("Zeros")
                + ", \"bias_initializer\": " + init("Zeros") + ", \"trainable\": true}}";
    }

    /** Keras' weights of a recurrent layer or a Dense, keyed as DL4J's import reads them from HDF5. */
    static Map<String, INDArray> weights(String prefix, double[][] kernel, double[][] recurrent, double[] bias) {
        Map<String, INDArray> w = new HashMap<>();
        w.put(prefix + "kernel", Nd4j.createFromArray(kernel).castTo(DataType.FLOAT));
        if (recurrent != null) {
            w.put(prefix + "recurrent_kernel", Nd4j.createFromArray(recurrent).castTo(DataType.FLOAT));
        }
        w.put(prefix + "bias", Nd4j.createFromArray(bias).castTo(DataType.FLOAT));
        return w;
    }

    /** Float-representable values in [-1, 1), as Keras' float32 weights are. */
    static double[][] floats(Random r, int rows, int cols) {
        double[][] m = new double[rows][cols];
        for (double[] row : m) {
            for (int j = 0; j < cols; j++) {
                row[j] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        return m;
    }

    static double[] floats(Random r, int n) {
        return floats(r, 1, n)[0];
    }

    /** {@code [n][steps][features]} values in [-1.5, 1.5). */
    static double[][][] sequences(Random r, int n, int steps, int features) {
        double[][][] x = new double[n][steps][features];
        for (double[][] ex : x) {
            for (double[] step : ex) {
                for (int c = 0; c < features; c++) {
                    step[c] = 3 * r.nextDouble() - 1.5;
                }
            }
        }
        return x;
    }

    /** A DOUBLE network of imported Keras layers in order, each with the weights its Keras layer was given. */
    static MultiLayerNetwork network(int steps, int features, KerasLayer... layers) {
        var list = new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).list();
        for (KerasLayer l : layers) {
            list.layer(l.getLayer());
        }
        MultiLayerNetwork net = new MultiLayerNetwork(list.setInputType(
                InputType.recurrent(features, steps, RNNFormat.NWC)).build());
        net.init();
        try {
            for (int i = 0; i < layers.length; i++) {
                layers[i].copyWeightsToLayer(net.getLayer(i));
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return net;
    }

    /** {@code [N, T, C]} (NWC, Keras' layout). */
    static INDArray nwc(double[][][] x) {
        return Nd4j.createFromArray(x);
    }

    /** Max over all entries of |expected − actual|, with the shapes checked. */
    static double maxDiff(double[][][] expected, INDArray actual) {
        if (actual.rank() != 3 || actual.size(0) != expected.length || actual.size(1) != expected[0].length
                || actual.size(2) != expected[0][0].length) {
            throw new AssertionError("shape " + java.util.Arrays.toString(actual.shape()));
        }
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int t = 0; t < expected[0].length; t++) {
                for (int j = 0; j < expected[0][0].length; j++) {
                    max = Math.max(max, Math.abs(expected[i][t][j] - actual.getDouble(i, t, j)));
                }
            }
        }
        return max;
    }

    static double maxDiff(double[][] expected, INDArray actual) {
        if (actual.rank() != 2 || actual.size(0) != expected.length || actual.size(1) != expected[0].length) {
            throw new AssertionError("shape " + java.util.Arrays.toString(actual.shape()));
        }
        double max = 0;
        for (int i = 0; i < expected.length; i++) {
            for (int j = 0; j < expected[0].length; j++) {
                max = Math.max(max, Math.abs(expected[i][j] - actual.getDouble(i, j)));
            }
        }
        return max;
    }
}
