package dev.deeplift.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import java.util.List;
import org.apache.spark.sql.Row;
import org.nd4j.linalg.api.ndarray.INDArray;

/** Compares the transformer's rows with the library's result for the same rows on one machine. */
final class Expect {
    /** FLOAT: the same arithmetic in other batches may round differently in the last bits. */
    static final double FLOAT = 2e-5;
    /** DOUBLE: rounding only. */
    static final double DOUBLE = 1e-12;

    private Expect() {
    }

    /**
     * Row {@code k} of {@code rows} against example {@code i} of {@code expected}, everything within {@code tol}
     * relative to the row's largest score (at least 1).
     */
    static void sameRow(Row row, Attribution expected, int i, double tol) {
        assertNull(row.getAs("error"), "row error: " + row.getAs("error"));
        INDArray s = expected.scores();
        double[] want = s.reshape(s.size(0), -1).getRow(i).dup().data().asDouble();
        List<Object> got = row.getList(row.fieldIndex("scores"));
        assertEquals(want.length, got.size(), "scores per row");
        double scale = 1;
        for (double w : want) {
            scale = Math.max(scale, Math.abs(w));
        }
        for (int j = 0; j < want.length; j++) {
            double g = ((Number) got.get(j)).doubleValue();
            assertTrue(Math.abs(g - want[j]) <= tol * scale, "row " + i + " score " + j + ": " + g + " vs " + want[j]);
        }
        double delta = row.getDouble(row.fieldIndex("delta"));
        double wantDelta = expected.deltas().getDouble(i);
        assertTrue(Math.abs(delta - wantDelta) <= tol * Math.max(1, Math.abs(wantDelta)),
                "row " + i + " delta " + delta + " vs " + wantDelta);
        assertTrue(row.getDouble(row.fieldIndex("summation_error")) <= tol * Math.max(1, Math.abs(wantDelta)) * 10,
                "row " + i + " summation error " + row.getDouble(row.fieldIndex("summation_error")));
        assertEquals(expected.targets()[i], row.getInt(row.fieldIndex("target")), "row " + i + " target");
    }

    /** Every row (ordered by id, ids 0..n-1) against the same example of {@code expected}. */
    static void sameRows(List<Row> rows, Attribution expected, double tol) {
        assertEquals(expected.examples(), rows.size(), "rows");
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, ((Number) rows.get(i).getAs("id")).intValue());
            sameRow(rows.get(i), expected, i, tol);
        }
    }
}
