package dev.deeplift.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads a CSV file of numbers, one example per row, into a DOUBLE array {@code [rows, columns]}.
 *
 * <p>Blank lines and lines starting with {@code #} are skipped, and so is a first row in which no field is a number
 * (a header, as pandas writes one). Every other field must be a number, and every row must have as many as the
 * first.
 */
final class CsvReader {
    private CsvReader() {
    }

    /** @throws IOException if the file cannot be read, holds no row, a field that is not a number, or ragged rows */
    static INDArray read(Path file) throws IOException {
        List<double[]> rows = new ArrayList<>();
        int lineNumber = 0;
        int firstRowLine = 0;
        boolean headerChecked = false;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNumber++;
                String trimmed = line.strip();
                if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                    continue;
                }
                String[] fields = trimmed.split(",", -1);
                if (!headerChecked) {
                    headerChecked = true;
                    if (isHeader(fields)) {
                        continue;
                    }
                }
                double[] row = parse(fields, file, lineNumber);
                if (rows.isEmpty()) {
                    firstRowLine = lineNumber;
                } else if (row.length != rows.get(0).length) {
                    throw new IOException(file + " line " + lineNumber + " has " + row.length + " values but line "
                            + firstRowLine + " has " + rows.get(0).length + ": every example needs as many");
                }
                rows.add(row);
            }
        }
        if (rows.isEmpty()) {
            throw new IOException(file + " holds no rows of numbers");
        }
        return Nd4j.createFromArray(rows.toArray(new double[0][]));
    }

    private static boolean isHeader(String[] fields) {
        for (String f : fields) {
            if (number(f.strip()) != null) {
                return false;
            }
        }
        return true;
    }

    private static double[] parse(String[] fields, Path file, int lineNumber) throws IOException {
        double[] row = new double[fields.length];
        for (int i = 0; i < fields.length; i++) {
            Double v = number(fields[i].strip());
            if (v == null) {
                throw new IOException(file + " line " + lineNumber + ", column " + (i + 1) + ": '"
                        + fields[i].strip() + "' is not a number");
            }
            row[i] = v;
        }
        return row;
    }

    private static Double number(String field) {
        if (field.isEmpty()) {
            return null;
        }
        try {
            return Double.parseDouble(field);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
