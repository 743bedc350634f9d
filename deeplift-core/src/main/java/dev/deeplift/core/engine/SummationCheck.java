package dev.deeplift.core.engine;

import dev.deeplift.core.kernels.RowSums;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Summation-to-delta: per example, the scores over every input sum to the target's delta. */
public final class SummationCheck {
    private SummationCheck() {
    }

    /** Per-example sum of scores over all features of all inputs, {@code [N]}. */
    public static INDArray totals(List<INDArray> scores) {
        INDArray total = null;
        for (INDArray s : scores) {
            INDArray t = sumPerExample(s);
            total = total == null ? t : total.addi(t);
        }
        return total;
    }

    /**
     * Per-example {@code |Σ scores − delta|}, {@code [N]} in the scores' type: a sum per example and input, the rest
     * on the {@code N} values in Java, the inputs' sums added in the scores' type.
     */
    public static INDArray errors(List<INDArray> scores, INDArray deltas) {
        boolean single = scores.get(0).dataType() == DataType.FLOAT;
        double[] totals = null;
        for (INDArray s : scores) {
            double[] t = rowSums(s, false);
            totals = totals == null ? t : add(totals, t, single);
        }
        double[] d = values(deltas);
        double[] err = new double[totals.length];
        for (int i = 0; i < err.length; i++) {
            err[i] = single ? Math.abs((float) totals[i] - (float) d[i]) : Math.abs(totals[i] - d[i]);
        }
        return vector(err, scores.get(0).dataType());
    }

    /**
     * The largest per-example error relative to its scale, {@code error / (Σ|scores| + |delta| + 1)}: what a warning
     * judges against {@link #relativeTolerance}.
     */
    public static double worstRelativeError(List<INDArray> scores, INDArray deltas, INDArray errors) {
        boolean single = scores.get(0).dataType() == DataType.FLOAT;
        double[] scale = null;
        for (INDArray s : scores) {
            double[] t = rowSums(s, true);
            scale = scale == null ? t : add(scale, t, single);
        }
        double[] d = values(deltas);
        double[] e = values(errors);
        double worst = 0;
        for (int i = 0; i < scale.length; i++) {
            double r = e[i] / (scale[i] + Math.abs(d[i]) + 1.0);
            if (Double.isNaN(r)) {
                return Double.NaN;
            }
            worst = Math.max(worst, r);
        }
        return worst;
    }

    /**
     * The target's delta of every example of a one-hot seed, read at its position of the output's flattened two
     * sides in Java (the same subtraction in the same type as ND4J's): {@code [N]}, made outside any workspace.
     */
    static INDArray unitDeltas(dev.deeplift.core.graph.PairActivations out, int[] positions) {
        int n = positions.length;
        INDArray in = rows(out.input());
        INDArray ref = rows(out.reference());
        boolean shared = ref.size(0) == 1 && n != 1;
        boolean single = in.dataType() == DataType.FLOAT;
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            int r = shared ? 0 : i;
            d[i] = single ? in.getFloat(i, positions[i]) - ref.getFloat(r, positions[i])
                    : in.getDouble(i, positions[i]) - ref.getDouble(r, positions[i]);
        }
        return vector(d, in.dataType());
    }

    /**
     * Per-example sums (or sums of absolute values) of {@code [N, ...]}, as Java values: one pass over the buffer
     * where it can be read in place, else one reduction.
     */
    private static double[] rowSums(INDArray a, boolean absolute) {
        double[] inJava = RowSums.of(a, absolute);
        if (inJava != null) {
            return inJava;
        }
        INDArray rows = a.reshape(a.size(0), -1);
        return (absolute ? rows.norm1(1) : rows.sum(1)).dup().data().asDouble();
    }

    /** {@code a} as {@code [N, features]}: itself when it is already of rank 2 (a reshape is a new array). */
    private static INDArray rows(INDArray a) {
        return a.rank() == 2 ? a : a.reshape(a.size(0), -1);
    }

    /**
     * The values of an {@code [N]} (or {@code [N, 1]}) array in Java, read element by element: no copy of the array
     * (a {@code dup()} per read was a native array per call).
     */
    static double[] values(INDArray vector) {
        double[] v = new double[(int) vector.length()];
        for (int i = 0; i < v.length; i++) {
            v[i] = vector.getDouble(i);
        }
        return v;
    }

    private static double[] add(double[] acc, double[] t, boolean single) {
        for (int i = 0; i < acc.length; i++) {
            acc[i] = single ? (float) ((float) acc[i] + (float) t[i]) : acc[i] + t[i];
        }
        return acc;
    }

    /** An {@code [N]} array of the values in a type, made outside any workspace (it is a result). */
    private static INDArray vector(double[] values, DataType type) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            if (type == DataType.FLOAT) {
                float[] f = new float[values.length];
                for (int i = 0; i < f.length; i++) {
                    f[i] = (float) values[i];
                }
                return Nd4j.createFromArray(f);
            }
            INDArray d = Nd4j.createFromArray(values);
            return d.dataType() == type ? d : d.castTo(type);
        }
    }

    /** Per-example sum of absolute scores, {@code [N]}: the scale against which an error is judged. */
    public static INDArray scales(List<INDArray> scores) {
        INDArray total = null;
        for (INDArray s : scores) {
            INDArray t = sumPerExample(Transforms.abs(s, true));
            total = total == null ? t : total.addi(t);
        }
        return total;
    }

    /**
     * The relative tolerance for a data type: an error above {@code tolerance · (1 + |delta| + Σ|scores|)} is more
     * than rounding.
     */
    public static double relativeTolerance(DataType dataType) {
        return dataType == DataType.DOUBLE ? 1e-8 : 1e-3;
    }

    private static INDArray sumPerExample(INDArray a) {
        return a.reshape(a.size(0), -1).sum(1);
    }
}
