package dev.deeplift.core.nodes.recurrent;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Which step of each example a {@link TimeStepNode} takes: the last or the first unmasked step. */
public enum StepSelection {
    /** The last step whose mask is not 0 (the last step without a mask): DL4J's LastTimeStep. */
    LAST,
    /**
     * The first step whose mask is not 0 (step 0 without a mask): what DL4J's {@code Bidirectional(LastTimeStep(X))}
     * takes from its backward direction, which reads the sequence reversed.
     */
    FIRST;

    /**
     * One 0/1 row per example with a single 1 at the chosen step, {@code [n, T]}.
     *
     * @param mask {@code [n, T]}, or null for no mask
     */
    INDArray selector(INDArray mask, long examples, long steps, org.nd4j.linalg.api.buffer.DataType dt) {
        INDArray s = Nd4j.zeros(dt, examples, steps);
        double[][] m = mask == null ? null : mask.toDoubleMatrix();
        for (int i = 0; i < examples; i++) {
            int chosen = this == LAST ? (int) steps - 1 : 0;
            if (m != null) {
                chosen = -1;
                for (int t = 0; t < steps; t++) {
                    if (m[i][t] != 0.0 && (chosen < 0 || this == LAST)) {
                        chosen = t;
                    }
                }
                if (chosen < 0) {
                    throw new IllegalArgumentException("Example " + i + " is masked at every step: it has no "
                            + (this == LAST ? "last" : "first") + " step");
                }
            }
            s.putScalar(i, chosen, 1.0);
        }
        return s;
    }
}
