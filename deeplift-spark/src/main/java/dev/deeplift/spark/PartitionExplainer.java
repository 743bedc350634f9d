package dev.deeplift.spark;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.util.SerializableConfiguration;

/**
 * The executor side of {@link DeepLiftTransformer}: streams a partition through the JVM's network in batches of
 * {@code batchSize} rows (a batch is pulled, explained and handed on before the next is read, so memory does not grow
 * with the partition). Each row is checked on its own first; a bad row gets its message in the error column and
 * null results, and never fails its batch, its task or the job.
 *
 * <p>A static class, not a lambda in the transformer, so that a task carries only the small {@link ExplainSpec} and
 * two broadcast handles. Nothing depends on the partition, the task attempt or the time: a retried task gives the
 * same rows.
 */
final class PartitionExplainer implements MapPartitionsFunction<Row, Row> {
    private static final long serialVersionUID = 1L;

    private final ExplainSpec spec;
    private final Broadcast<SerializableConfiguration> hadoopConf;
    /** The background rows of DeepSHAP, or null. */
    private final Broadcast<double[][]> background;

    PartitionExplainer(ExplainSpec spec, Broadcast<SerializableConfiguration> hadoopConf,
                       Broadcast<double[][]> background) {
        this.spec = spec;
        this.hadoopConf = hadoopConf;
        this.background = background;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> rows) {
        return new Iterator<>() {
            private final List<Row> out = new ArrayList<>();
            private int next;
            /** Made with the first row: an empty partition reads nothing. */
            private BatchExplainer explainer;

            @Override
            public boolean hasNext() {
                if (next < out.size()) {
                    return true;
                }
                out.clear();
                next = 0;
                List<Row> batch = new ArrayList<>(spec.batchSize());
                while (batch.size() < spec.batchSize() && rows.hasNext()) {
                    batch.add(rows.next());
                }
                if (batch.isEmpty()) {
                    return false;
                }
                if (explainer == null) {
                    explainer = new BatchExplainer(spec, ModelSource.get(spec.model(), hadoopConf.value().value()),
                            background == null ? null : background.value());
                }
                explain(explainer, batch, out);
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return out.get(next++);
            }
        };
    }

    /** Appends to {@code out} each row of {@code batch} with its five result columns. */
    private void explain(BatchExplainer explainer, List<Row> batch, List<Row> out) {
        int n = batch.size();
        RowInput[] inputs = new RowInput[n];
        String[] errors = new String[n];
        List<RowInput> good = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            try {
                inputs[i] = read(batch.get(i));
                explainer.checkRow(inputs[i]);
                good.add(inputs[i]);
            } catch (IllegalArgumentException e) {
                errors[i] = message(e);
            }
        }
        BatchResult[] results = new BatchResult[n];
        int[] slots = new int[n];
        if (!good.isEmpty()) {
            try {
                BatchResult r = explainer.explain(good);
                for (int i = 0, k = 0; i < n; i++) {
                    if (errors[i] == null) {
                        results[i] = r;
                        slots[i] = k++;
                    }
                }
            } catch (IllegalArgumentException batchRefused) {
                // A check only the library makes failed: explain the rows one by one, so only the bad one fails.
                for (int i = 0; i < n; i++) {
                    if (errors[i] == null) {
                        try {
                            results[i] = explainer.explain(List.of(inputs[i]));
                        } catch (IllegalArgumentException e) {
                            errors[i] = message(e);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < n; i++) {
            out.add(row(batch.get(i), results[i], slots[i], errors[i]));
        }
    }

    private static String message(IllegalArgumentException e) {
        return e.getMessage() != null ? e.getMessage() : e.toString();
    }

    /** A row's checked values; an IllegalArgumentException says what is wrong with it. */
    private RowInput read(Row row) {
        int width = spec.width();
        double[] x = spec.inputKind().read(row, spec.inputIndex(), "input", width);
        double[] ref = spec.referenceIndex() < 0 ? null
                : spec.referenceKind().read(row, spec.referenceIndex(), "reference", width);
        int target = spec.targetIndex() < 0 ? -1 : target(row);
        return new RowInput(x, ref, target);
    }

    private int target(Row row) {
        if (row.isNullAt(spec.targetIndex())) {
            throw new IllegalArgumentException("target is null");
        }
        long t = ((Number) row.get(spec.targetIndex())).longValue();
        long units = spec.outputUnits();
        if (t < 0 || (units >= 0 && t >= units) || t > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("target " + t + " is out of range: " + (units >= 0
                    ? "the output has " + units + " units (0.." + (units - 1) + ")"
                    : "targets are non-negative unit indices"));
        }
        return (int) t;
    }

    private Row row(Row in, BatchResult result, int slot, String error) {
        int columns = spec.columns();
        Object[] v = new Object[columns + 5];
        for (int c = 0; c < columns; c++) {
            v[c] = in.get(c);
        }
        if (result != null && error == null) {
            v[columns] = result.scoresOf(slot);
            v[columns + 1] = result.deltas()[slot];
            v[columns + 2] = result.errors()[slot];
            v[columns + 3] = result.targets()[slot];
        } else {
            v[columns + 4] = error != null ? error : "not explained";
        }
        return RowFactory.create(v);
    }
}
