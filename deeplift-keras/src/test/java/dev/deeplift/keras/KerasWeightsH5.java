package dev.deeplift.keras;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.hdf5.Attribute;
import org.bytedeco.hdf5.DataSet;
import org.bytedeco.hdf5.DataSpace;
import org.bytedeco.hdf5.Group;
import org.bytedeco.hdf5.H5File;
import org.bytedeco.hdf5.PredType;
import org.bytedeco.hdf5.StrType;
import org.bytedeco.hdf5.global.hdf5;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.FloatPointer;

/**
 * Writes a weights file in the layout of Keras 2's {@code model.save_weights("w.h5")} (TensorFlow backend), for
 * tests that import a whole model through {@link KerasModels}: one root group per layer, with a
 * {@code weight_names} attribute (fixed-length strings such as {@code "lstm_1/kernel:0"}) and a float32 dataset
 * per weight at {@code /<layer>/<weight name>}, e.g. {@code /bidirectional_1/bidirectional_1/forward_lstm_1/kernel:0}.
 */
final class KerasWeightsH5 {
    /** Weight values by layer, then by Keras weight name: a {@code double[][]} or a {@code double[]}. */
    private final Map<String, Map<String, Object>> layers = new LinkedHashMap<>();

    /**
     * Adds a matrix weight of a layer.
     *
     * @param layer the layer's name (the root group)
     * @param name  the weight's Keras name, e.g. {@code bidirectional_1/forward_lstm_1/kernel:0}
     */
    KerasWeightsH5 add(String layer, String name, double[][] matrix) {
        layers.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(name, matrix);
        return this;
    }

    /** Adds a vector weight (a bias) of a layer. */
    KerasWeightsH5 add(String layer, String name, double[] vector) {
        layers.computeIfAbsent(layer, k -> new LinkedHashMap<>()).put(name, vector);
        return this;
    }

    /** Writes the file (replacing it). */
    void write(Path file) {
        H5File h5 = new H5File(file.toString(), hdf5.H5F_ACC_TRUNC());
        try {
            for (var layer : layers.entrySet()) {
                Group group = h5.createGroup(layer.getKey());
                writeNames(group, new ArrayList<>(layer.getValue().keySet()));
                for (var weight : layer.getValue().entrySet()) {
                    String path = layer.getKey() + "/" + weight.getKey();
                    createParents(h5, path);
                    writeFloats(h5, path, weight.getValue());
                }
                group._close();
            }
        } finally {
            h5._close();
        }
    }

    private static void writeNames(Group group, List<String> names) {
        int width = names.stream().mapToInt(n -> n.getBytes(StandardCharsets.UTF_8).length).max().orElse(1);
        byte[] bytes = new byte[width * names.size()];
        for (int i = 0; i < names.size(); i++) {
            byte[] n = names.get(i).getBytes(StandardCharsets.UTF_8);
            System.arraycopy(n, 0, bytes, i * width, n.length);
        }
        StrType type = new StrType(PredType.C_S1(), width);
        DataSpace space = new DataSpace(1, new long[] {names.size()});
        Attribute a = group.createAttribute("weight_names", type, space);
        a.write(type, new BytePointer(bytes));
        a._close();
    }

    /** Creates the groups above a dataset path that do not exist yet. */
    private static void createParents(H5File h5, String path) {
        String[] parts = path.split("/");
        StringBuilder prefix = new StringBuilder(parts[0]);
        for (int i = 1; i < parts.length - 1; i++) {
            prefix.append('/').append(parts[i]);
            if (!h5.nameExists(prefix.toString())) {
                h5.createGroup(prefix.toString())._close();
            }
        }
    }

    private static void writeFloats(H5File h5, String path, Object value) {
        boolean vector = value instanceof double[];
        double[][] m = vector ? new double[][] {(double[]) value} : (double[][]) value;
        int rows = m.length;
        int cols = m[0].length;
        float[] data = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                data[i * cols + j] = (float) m[i][j];
            }
        }
        DataSpace space = vector ? new DataSpace(1, new long[] {cols}) : new DataSpace(2, new long[] {rows, cols});
        org.bytedeco.hdf5.DataType f32 = new org.bytedeco.hdf5.DataType(PredType.NATIVE_FLOAT());
        DataSet ds = h5.createDataSet(path, f32, space);
        ds.write(new FloatPointer(data), f32);
        ds._close();
    }
}
