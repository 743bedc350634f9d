package dev.deeplift.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The header of an NPY file (NumPy's {@code .npy} format): the element type, the axis order and the shape, written
 * as a Python dict literal such as {@code {'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }}.
 *
 * <p>Only what this project reads and writes is supported: little-endian float32 ({@code <f4}) and float64
 * ({@code <f8}) in C order, of any rank (shape {@code ()} is a scalar).
 *
 * @param type  {@link DataType#FLOAT} or {@link DataType#DOUBLE}
 * @param shape the array's shape, every size {@code >= 0}
 */
public record NpyHeader(DataType type, long[] shape) {
    /** NumPy's type string for little-endian float32. */
    static final String FLOAT32 = "<f4";
    /** NumPy's type string for little-endian float64. */
    static final String FLOAT64 = "<f8";

    // NumPy writes single quotes; a hand-made header may use double quotes, so both are accepted.
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(\\w+)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    /** @throws IllegalArgumentException if the type is not FLOAT or DOUBLE, or a size is negative */
    public NpyHeader {
        if (type != DataType.FLOAT && type != DataType.DOUBLE) {
            throw new IllegalArgumentException("NPY arrays here are float32 or float64, not " + type);
        }
        shape = shape.clone();
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
            }
        }
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    /** Bytes per element: 4 or 8. */
    public int itemSize() {
        return type == DataType.FLOAT ? 4 : 8;
    }

    /** The number of elements, the product of the sizes (1 for a scalar). */
    public long count() {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /**
     * Parses the dict of a header.
     *
     * @param dict   the header text after the length field (padding and newline included)
     * @param source the file's name, for messages
     * @throws IOException if a key is missing or holds something other than a C-order little-endian float array
     */
    static NpyHeader parse(String dict, String source) throws IOException {
        String descr = find(DESCR, dict, "descr", source);
        DataType type = switch (descr) {
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
            default -> throw new IOException(source + " holds dtype '" + descr + "'; only little-endian float32 ('"
                    + FLOAT32 + "') and float64 ('" + FLOAT64 + "') are supported (numpy: a.astype('<f4'))");
        };
        String fortran = find(FORTRAN, dict, "fortran_order", source);
        if (fortran.equals("True")) {
            throw new IOException(source + " is stored in Fortran order; only C order is supported "
                    + "(numpy: np.save(path, np.ascontiguousarray(a)))");
        }
        if (!fortran.equals("False")) {
            throw new IOException(source + " has fortran_order " + fortran + "; expected True or False");
        }
        return new NpyHeader(type, parseShape(find(SHAPE, dict, "shape", source), source));
    }

    /** The dict as NumPy writes it, e.g. {@code {'descr': '<f4', 'fortran_order': False, 'shape': (3,), }}. */
    String dict() {
        StringBuilder tuple = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            tuple.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        // A one-element Python tuple needs its trailing comma: (3,) and not (3).
        tuple.append(shape.length == 1 ? ",)" : ")");
        return "{'descr': '" + (type == DataType.FLOAT ? FLOAT32 : FLOAT64) + "', 'fortran_order': False, 'shape': "
                + tuple + ", }";
    }

    private static String find(Pattern pattern, String dict, String key, String source) throws IOException {
        Matcher m = pattern.matcher(dict);
        if (!m.find()) {
            throw new IOException(source + ": the NPY header has no '" + key + "': " + dict.trim());
        }
        return m.group(1).trim();
    }

    private static long[] parseShape(String tuple, String source) throws IOException {
        List<Long> sizes = new ArrayList<>();
        for (String part : tuple.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            // Python 2 wrote long integers with an L suffix, e.g. (3L, 4L).
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                long d = Long.parseLong(p);
                if (d < 0) {
                    throw new NumberFormatException();
                }
                sizes.add(d);
            } catch (NumberFormatException e) {
                throw new IOException(source + ": the NPY header's shape (" + tuple + ") holds '" + part.trim()
                        + "', not a size");
            }
        }
        return sizes.stream().mapToLong(Long::longValue).toArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyHeader h && h.type == type && Arrays.equals(h.shape, shape);
    }

    @Override
    public int hashCode() {
        return 31 * type.hashCode() + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "NpyHeader" + dict();
    }
}
