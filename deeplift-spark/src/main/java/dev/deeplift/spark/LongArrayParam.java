package dev.deeplift.spark;

import java.util.Arrays;
import org.apache.spark.ml.param.Param;
import org.apache.spark.ml.util.Identifiable;

/**
 * A Spark ML param holding a {@code long[]} (e.g. a per-example input shape). Spark has int, double and string array
 * params but none for longs, and a plain {@code Param<long[]>} cannot be saved (its default JSON encoding knows only
 * strings, vectors and matrices), so this one writes and reads a JSON array of integers.
 */
public final class LongArrayParam extends Param<long[]> {
    private static final long serialVersionUID = 1L;

    /** A param of {@code parent}; its value is checked by the transformer that uses it. */
    public LongArrayParam(Identifiable parent, String name, String doc) {
        super(parent, name, doc);
    }

    @Override
    public String jsonEncode(long[] value) {
        return Arrays.toString(value).replace(" ", "");
    }

    @Override
    public long[] jsonDecode(String json) {
        String s = json.trim();
        if (!s.startsWith("[") || !s.endsWith("]")) {
            throw new IllegalArgumentException("Param " + name() + ": expected a JSON array of integers, got " + json);
        }
        String body = s.substring(1, s.length() - 1).trim();
        if (body.isEmpty()) {
            return new long[0];
        }
        return Arrays.stream(body.split(",")).map(String::trim).mapToLong(Long::parseLong).toArray();
    }
}
