package dev.deeplift.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Writes ND4J arrays as NumPy {@code .npy} files: little-endian, C order, float32 for FLOAT (and HALF, BFLOAT16)
 * arrays and float64 for DOUBLE arrays, readable by {@code numpy.load}.
 *
 * <pre>{@code
 * NpyWriter.write(attribution.scores(), Path.of("scores.npy"));
 * }</pre>
 */
public final class NpyWriter {
    /** NumPy aligns the data to 64 bytes, so that it can be memory-mapped. */
    private static final int ALIGNMENT = 64;
    /** Values per write, so that a large array is never copied into one byte array. */
    private static final int CHUNK = 1 << 16;

    private NpyWriter() {
    }

    /**
     * Writes an array to a file, replacing any file there.
     *
     * @throws IllegalArgumentException if the array is null or not floating point
     */
    public static void write(INDArray array, Path file) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
            write(array, out);
        }
    }

    /** Writes an array to a stream (which stays open). */
    public static void write(INDArray array, OutputStream out) throws IOException {
        if (array == null) {
            throw new IllegalArgumentException("array is null");
        }
        if (!array.dataType().isFPType()) {
            throw new IllegalArgumentException("NPY output is float32 or float64; got an array of "
                    + array.dataType());
        }
        DataType type = array.dataType() == DataType.DOUBLE ? DataType.DOUBLE : DataType.FLOAT;
        NpyHeader header = new NpyHeader(type, array.shape());
        out.write(headerBytes(header));
        if (array.isEmpty()) {
            out.flush();
            return;
        }
        INDArray flat = array.castTo(type).dup('c');
        if (type == DataType.FLOAT) {
            writeFloats(flat.data().asFloat(), out);
        } else {
            writeDoubles(flat.data().asDouble(), out);
        }
        out.flush();
    }

    /** Magic, version, header length and the dict padded with spaces and a newline to a multiple of 64 bytes. */
    static byte[] headerBytes(NpyHeader header) {
        byte[] dict = header.dict().getBytes(StandardCharsets.ISO_8859_1);
        // Version 1 stores the header length in 2 bytes; a longer header (a very high rank) needs version 2.
        int prefix = NpyReader.MAGIC.length + 2 + 2;
        int unpadded = prefix + dict.length + 1;
        int total = roundUp(unpadded);
        boolean v2 = total - prefix > 0xFFFF;
        if (v2) {
            prefix += 2;
            total = roundUp(prefix + dict.length + 1);
        }
        int headerLength = total - prefix;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) (v2 ? 2 : 1)).put((byte) 0);
        if (v2) {
            b.putInt(headerLength);
        } else {
            b.putShort((short) headerLength);
        }
        b.put(dict);
        byte[] padding = new byte[headerLength - dict.length - 1];
        Arrays.fill(padding, (byte) ' ');
        b.put(padding).put((byte) '\n');
        return b.array();
    }

    private static int roundUp(int n) {
        return (n + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
    }

    private static void writeFloats(float[] values, OutputStream out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.min(values.length, CHUNK) * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK) {
            int to = Math.min(values.length, from + CHUNK);
            b.clear();
            b.asFloatBuffer().put(values, from, to - from);
            out.write(b.array(), 0, (to - from) * 4);
        }
    }

    private static void writeDoubles(double[] values, OutputStream out) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(Math.min(values.length, CHUNK) * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int from = 0; from < values.length; from += CHUNK) {
            int to = Math.min(values.length, from + CHUNK);
            b.clear();
            b.asDoubleBuffer().put(values, from, to - from);
            out.write(b.array(), 0, (to - from) * 8);
        }
    }
}
