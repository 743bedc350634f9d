package dev.deeplift.core.engine;

import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
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

    /** Per-example {@code |Σ scores − delta|}, {@code [N]}. */
    public static INDArray errors(List<INDArray> scores, INDArray deltas) {
        return Transforms.abs(totals(scores).subi(deltas.reshape(deltas.length())), false);
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
