package dev.deeplift.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Reads the arrays the command line takes (inputs, references) from {@code .npy} or {@code .csv} files. */
final class ArrayFiles {
    private ArrayFiles() {
    }

    /**
     * Reads a batch {@code [N, ...]}, by the file's extension.
     *
     * @param what what the file holds, for messages, e.g. {@code input}
     */
    static INDArray read(Path file, String what) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw CliException.failure(what + " file not found: " + file);
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        INDArray a;
        if (name.endsWith(".npy")) {
            a = NpyReader.read(file);
        } else if (name.endsWith(".csv")) {
            a = CsvReader.read(file);
        } else {
            throw CliException.failure(what + " file " + file + " is neither .npy nor .csv");
        }
        if (a.rank() < 2 || a.size(0) == 0) {
            throw CliException.failure(what + " file " + file + " holds an array of shape " + Arrays.toString(a.shape())
                    + "; a batch [N, ...] of at least one example is needed");
        }
        return a;
    }

    /**
     * The batch with each example reshaped, in C order, to {@code exampleShape}.
     *
     * @param exampleShape the shape of one example, or null to keep the batch as it is
     */
    static INDArray reshape(INDArray batch, long[] exampleShape, Path file) {
        if (exampleShape == null) {
            return batch;
        }
        long n = batch.size(0);
        long perExample = batch.length() / n;
        long wanted = Arrays.stream(exampleShape).reduce(1, Math::multiplyExact);
        if (wanted != perExample) {
            throw CliException.failure("--shape " + Arrays.toString(exampleShape) + " needs " + wanted
                    + " values per example but each example of " + file + " (shape "
                    + Arrays.toString(batch.shape()) + ") has " + perExample);
        }
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = n;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return batch.dup('c').reshape('c', shape);
    }
}
