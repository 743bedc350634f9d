package dev.deeplift.cli;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Reads NumPy {@code .npy} files (format versions 1, 2 and 3) holding little-endian float32 or float64 arrays in C
 * order, of any rank, into ND4J arrays of the same type and shape.
 *
 * <pre>{@code
 * INDArray x = NpyReader.read(Path.of("inputs.npy"));   // np.save("inputs.npy", x.astype(np.float32))
 * }</pre>
 */
public final class NpyReader {
    /** The six bytes every NPY file starts with: {@code \x93NUMPY}. */
    static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyReader() {
    }

    /**
     * Reads an NPY file.
     *
     * @throws IOException if the file cannot be read, is not an NPY file, holds another type than float32 or
     *                     float64, is in Fortran order, or is shorter or longer than its header says
     */
    public static INDArray read(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            return read(in, file.toString());
        }
    }

    /**
     * Reads an NPY array from a stream, which must hold nothing after the array.
     *
     * @param source the stream's name, for messages
     */
    public static INDArray read(InputStream in, String source) throws IOException {
        NpyHeader header = readHeader(in, source);
        long count = header.count();
        long bytes = count * header.itemSize();
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IOException(source + " holds " + count + " values, more than one array here can hold");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new IOException(source + " is truncated: its header promises " + count + " values of shape "
                    + Arrays.toString(header.shape()) + " (" + bytes + " bytes) but only " + data.length
                    + " bytes follow");
        }
        if (in.read() != -1) {
            throw new IOException(source + " has bytes after the " + count + " values of shape "
                    + Arrays.toString(header.shape()) + " its header promises");
        }
        return toArray(header, ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN));
    }

    /** Reads and checks the magic string, version and header of an NPY stream, leaving it at the data. */
    static NpyHeader readHeader(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new IOException(source + " is not an NPY file (it does not start with \\x93NUMPY)");
        }
        int major = in.read();
        int minor = in.read();
        if (minor < 0) {
            throw new IOException(source + " is truncated inside its NPY header");
        }
        // Version 1 has a 2-byte header length; versions 2 and 3 (3: UTF-8 text) have 4 bytes.
        int lengthBytes = switch (major) {
            case 1 -> 2;
            case 2, 3 -> 4;
            default -> throw new IOException(source + " has NPY format version " + major + "." + minor
                    + "; versions 1, 2 and 3 are supported");
        };
        byte[] length = in.readNBytes(lengthBytes);
        if (length.length < lengthBytes) {
            throw new IOException(source + " is truncated inside its NPY header");
        }
        ByteBuffer lb = ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = lengthBytes == 2 ? Short.toUnsignedInt(lb.getShort()) : Integer.toUnsignedLong(lb.getInt());
        if (headerLength > 1 << 24) {
            throw new IOException(source + " claims an NPY header of " + headerLength + " bytes");
        }
        byte[] dict = in.readNBytes((int) headerLength);
        if (dict.length < headerLength) {
            throw new IOException(source + " is truncated inside its NPY header");
        }
        return NpyHeader.parse(new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1),
                source);
    }

    private static INDArray toArray(NpyHeader header, ByteBuffer data) {
        long[] shape = header.shape();
        int count = (int) header.count();
        if (count == 0) {
            return Nd4j.create(header.type(), shape);
        }
        if (header.type() == DataType.FLOAT) {
            float[] values = new float[count];
            data.asFloatBuffer().get(values);
            return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
        }
        double[] values = new double[count];
        data.asDoubleBuffer().get(values);
        return shape.length == 0 ? Nd4j.scalar(values[0]) : Nd4j.create(values, shape, 'c');
    }
}
