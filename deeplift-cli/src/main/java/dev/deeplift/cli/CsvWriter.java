package dev.deeplift.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes an array {@code [N, ...]} as CSV, one example per row, each example's values flattened in C order (the
 * order {@link CsvReader} and {@code --shape} read them back in). Values are written in full precision: a FLOAT
 * array with the shortest text that reads back to the same float.
 */
final class CsvWriter {
    private CsvWriter() {
    }

    static void write(INDArray array, Path file) throws IOException {
        int n = Math.toIntExact(array.size(0));
        int perRow = n == 0 ? 0 : Math.toIntExact(array.length() / n);
        boolean isDouble = array.dataType() == DataType.DOUBLE;
        INDArray flat = array.dup('c');
        double[] doubles = isDouble ? flat.data().asDouble() : null;
        float[] floats = isDouble ? null : flat.castTo(DataType.FLOAT).data().asFloat();
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.setLength(0);
                for (int j = 0; j < perRow; j++) {
                    int k = i * perRow + j;
                    line.append(j == 0 ? "" : ",").append(isDouble ? Double.toString(doubles[k])
                            : Float.toString(floats[k]));
                }
                out.write(line.toString());
                out.newLine();
            }
        }
    }
}
