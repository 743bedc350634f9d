package dev.deeplift.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import scala.collection.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The column types that hold one example, flattened: a Spark ML {@link Vector} (dense or sparse),
 * {@code array<float>} or {@code array<double>}. Reads a row's value as doubles (exact for floats), checking it the
 * way the library's {@code Validator} checks a batch, but per row, so that a bad row gets its own message and never
 * fails its batch.
 */
enum InputKind {
    VECTOR, FLOAT_ARRAY, DOUBLE_ARRAY;

    /** The column types accepted, for messages. */
    static final String ACCEPTED = "vector, array<float> or array<double>";

    /** The kind of a column type, or null if the type is not accepted. */
    static InputKind of(DataType type) {
        if (type.equals(SQLDataTypes.VectorType())) {
            return VECTOR;
        }
        if (type instanceof ArrayType a) {
            if (a.elementType().equals(DataTypes.FloatType)) {
                return FLOAT_ARRAY;
            }
            if (a.elementType().equals(DataTypes.DoubleType)) {
                return DOUBLE_ARRAY;
            }
        }
        return null;
    }

    /**
     * The values of column {@code index} of a row.
     *
     * @param what  the value's name in messages, e.g. {@code "input"}
     * @param width the number of values expected
     * @throws IllegalArgumentException (a row error) if the value is null, has another length, or holds a null, NaN
     *                                  or infinite element
     */
    double[] read(Row row, int index, String what, int width) {
        if (row.isNullAt(index)) {
            throw new IllegalArgumentException(what + " is null");
        }
        Object value = row.get(index);
        double[] values;
        if (this == VECTOR) {
            Vector v = (Vector) value;
            checkLength(v.size(), what, width);
            values = v.toArray();
        } else if (value instanceof float[] f) {
            // Spark hands over the Row objects of an upstream Java function as they were made (it drops the
            // serialize/deserialize pair between two object operators), so arrays come in the caller's types too.
            checkLength(f.length, what, width);
            values = new double[width];
            for (int i = 0; i < width; i++) {
                values[i] = f[i];
            }
        } else if (value instanceof double[] d) {
            checkLength(d.length, what, width);
            values = d;
        } else {
            List<?> list = value instanceof Seq<?> seq ? CollectionConverters.asJava(seq)
                    : value instanceof Object[] objects ? Arrays.asList(objects) : (List<?>) value;
            checkLength(list.size(), what, width);
            values = new double[width];
            for (int i = 0; i < width; i++) {
                Object e = list.get(i);
                if (e == null) {
                    throw new IllegalArgumentException(what + " element " + i + " is null");
                }
                values[i] = ((Number) e).doubleValue();
            }
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(what + " element " + i + " is " + values[i]
                        + ": NaN and infinite values cannot be explained");
            }
        }
        return values;
    }

    private static void checkLength(int length, String what, int width) {
        if (length != width) {
            throw new IllegalArgumentException(what + " has " + length + " values but the network takes " + width
                    + " per example");
        }
    }
}
