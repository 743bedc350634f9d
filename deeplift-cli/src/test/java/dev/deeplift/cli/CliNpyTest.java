package dev.deeplift.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** NPY files: round trips, NumPy's exact bytes, hand-made headers, and clear refusals. */
class CliNpyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void float32RoundTripKeepsTypeShapeAndEveryBit(int rank) throws IOException {
        long[] shape = Arrays.copyOf(new long[] {3, 2, 4, 1, 2}, rank);
        Nd4j.getRandom().setSeed(rank);
        INDArray a = Nd4j.randn(DataType.FLOAT, shape).muli(1e3);
        a.putScalar(0, Float.MIN_VALUE);
        Path file = dir.resolve("a.npy");
        NpyWriter.write(a, file);
        INDArray back = NpyReader.read(file);
        assertEquals(DataType.FLOAT, back.dataType());
        assertArrayEquals(shape, back.shape());
        assertArrayEquals(a.data().asFloat(), back.dup('c').data().asFloat());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 4, 5})
    void float64RoundTripKeepsTypeShapeAndEveryBit(int rank) throws IOException {
        long[] shape = Arrays.copyOf(new long[] {2, 3, 1, 2, 3}, rank);
        Nd4j.getRandom().setSeed(10 + rank);
        INDArray a = Nd4j.randn(DataType.DOUBLE, shape).muli(Math.PI);
        Path file = dir.resolve("a.npy");
        NpyWriter.write(a, file);
        INDArray back = NpyReader.read(file);
        assertEquals(DataType.DOUBLE, back.dataType());
        assertArrayEquals(shape, back.shape());
        assertArrayEquals(a.data().asDouble(), back.dup('c').data().asDouble());
    }

    @Test
    void aViewIsWrittenInCOrderOfItsOwnShape() throws IOException {
        INDArray base = Nd4j.arange(12).castTo(DataType.DOUBLE).reshape(3, 4);
        INDArray transposed = base.transpose();
        Path file = dir.resolve("t.npy");
        NpyWriter.write(transposed, file);
        INDArray back = NpyReader.read(file);
        assertArrayEquals(new long[] {4, 3}, back.shape());
        assertEquals(transposed, back);
        assertEquals(4.0, back.getDouble(0, 1), "row 0 of the transpose is column 0 of the base: 0, 4, 8");
    }

    @Test
    void aScalarAndAVectorRoundTrip() throws IOException {
        Path file = dir.resolve("s.npy");
        NpyWriter.write(Nd4j.scalar(2.5), file);
        INDArray s = NpyReader.read(file);
        assertEquals(0, s.rank());
        assertEquals(2.5, s.getDouble(0));
        NpyWriter.write(Nd4j.createFromArray(1f, 2f, 3f), file);
        INDArray v = NpyReader.read(file);
        assertArrayEquals(new long[] {3}, v.shape());
        assertArrayEquals(new float[] {1, 2, 3}, v.data().asFloat());
    }

    @Test
    void writesTheBytesNumpyWrites() throws IOException {
        // np.save(f, np.arange(6, dtype='<f4').reshape(2, 3)) with NumPy 2.4: a 128-byte header, then the data.
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, 0x76, 0});
        expected.write((dict + " ".repeat(128 - 10 - dict.length() - 1) + "\n").getBytes(StandardCharsets.US_ASCII));
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 6; i++) {
            data.putFloat(i);
        }
        expected.write(data.array());

        ByteArrayOutputStream written = new ByteArrayOutputStream();
        NpyWriter.write(Nd4j.arange(6).castTo(DataType.FLOAT).reshape(2, 3), written);
        assertArrayEquals(expected.toByteArray(), written.toByteArray());
    }

    @Test
    void headersAreAlignedTo64BytesAndEndInANewline() {
        for (long[] shape : new long[][] {{}, {7}, {2, 3}, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 123456789}}) {
            byte[] h = NpyWriter.headerBytes(new NpyHeader(DataType.DOUBLE, shape));
            assertEquals(0, h.length % 64, Arrays.toString(shape));
            assertEquals('\n', h[h.length - 1]);
        }
    }

    @Test
    void readsAHandMadeVersion2HeaderWithDoubleQuotesAndAnotherKeyOrder() throws IOException {
        String dict = "{\"shape\": (2L, 2L), \"fortran_order\": False, \"descr\": \"<f8\"}\n";
        ByteBuffer b = ByteBuffer.allocate(12 + dict.length() + 32).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) 2).put((byte) 0).putInt(dict.length());
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        b.putDouble(1.5).putDouble(-2).putDouble(1e-300).putDouble(4);
        INDArray a = NpyReader.read(new ByteArrayInputStream(b.array()), "hand.npy");
        assertEquals(DataType.DOUBLE, a.dataType());
        assertEquals(Nd4j.createFromArray(new double[][] {{1.5, -2}, {1e-300, 4}}), a);
    }

    @Test
    void readsAHandMadeVersion1FloatHeaderWithoutPadding() throws IOException {
        String dict = "{'descr':'<f4','fortran_order':False,'shape':(3,)}";
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + 12).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) dict.length());
        b.put(dict.getBytes(StandardCharsets.US_ASCII)).putFloat(1).putFloat(2).putFloat(-3);
        INDArray a = NpyReader.read(new ByteArrayInputStream(b.array()), "hand.npy");
        assertArrayEquals(new long[] {3}, a.shape());
        assertArrayEquals(new float[] {1, 2, -3}, a.data().asFloat());
    }

    @Test
    void refusesOtherTypesFortranOrderAndBrokenFiles() {
        assertRefused(header("{'descr': '<i8', 'fortran_order': False, 'shape': (1,), }", 8), "'<i8'", "float32");
        assertRefused(header("{'descr': '>f4', 'fortran_order': False, 'shape': (1,), }", 4), "'>f4'");
        assertRefused(header("{'descr': '<f4', 'fortran_order': True, 'shape': (2, 2), }", 16), "Fortran order");
        assertRefused(header("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }", 12), "truncated",
                "4 values");
        assertRefused(header("{'descr': '<f4', 'fortran_order': False, 'shape': (1,), }", 8), "bytes after");
        assertRefused(header("{'descr': '<f4', 'fortran_order': False}", 4), "no 'shape'");
        assertRefused("a,b,c\n1,2,3\n".getBytes(StandardCharsets.US_ASCII), "not an NPY file");
    }

    private static byte[] header(String dict, int dataBytes) {
        ByteBuffer b = ByteBuffer.allocate(10 + dict.length() + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.put(NpyReader.MAGIC).put((byte) 1).put((byte) 0).putShort((short) dict.length());
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static void assertRefused(byte[] file, String... parts) {
        IOException e = assertThrows(IOException.class, () -> NpyReader.read(new ByteArrayInputStream(file), "x.npy"));
        assertTrue(e.getMessage().startsWith("x.npy"), e.getMessage());
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "'" + p + "' in: " + e.getMessage());
        }
    }
}
