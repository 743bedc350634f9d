package dev.deeplift.spark;

import dev.deeplift.core.Layout;
import java.io.Serializable;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * What the executors need to explain rows, resolved and checked on the driver before the job: small and
 * serializable (the background rows travel as a broadcast, the network as a path).
 *
 * @param model          the saved network's file
 * @param rule           the rule policy
 * @param shape          one example's shape, without the batch axis
 * @param dataType       the network's data type, which inputs and references are cast to
 * @param outputUnits    the units of the network's output, or -1 if unknown
 * @param inputIndex     the input column's position
 * @param inputKind      the input column's type
 * @param referenceIndex the per-row reference column's position, or -1
 * @param referenceKind  its type, or null
 * @param targetIndex    the per-row target column's position, or -1
 * @param target         the unit explained for every row, or -1 for each row's predicted unit (without a target column)
 * @param reference      one reference shared by every row (flattened), or null for zeros
 * @param background     true if every row is explained against the broadcast background rows (DeepSHAP)
 * @param shuffles       dinucleotide-shuffled references per row (DeepSHAP), or 0
 * @param seed           the seed of the shuffles
 * @param layout         the one-hot layout of the shuffles ({@code NCW} or {@code NWC}), or null
 * @param batchSize      rows per call to the library
 * @param doubleScores   scores as {@code array<double>} rather than {@code array<float>}
 * @param columns        the number of input columns, which are passed through
 */
record ExplainSpec(ModelSource.Fingerprint model, RuleName rule, long[] shape, DataType dataType, long outputUnits,
                   int inputIndex, InputKind inputKind, int referenceIndex, InputKind referenceKind, int targetIndex,
                   int target, double[] reference, boolean background, int shuffles, long seed, Layout layout,
                   int batchSize, boolean doubleScores, int columns) implements Serializable {

    /** Values per example: the product of the shape. */
    int width() {
        long w = 1;
        for (long d : shape) {
            w *= d;
        }
        return Math.toIntExact(w);
    }

    /** True if every row is explained against a distribution of references (DeepSHAP). */
    boolean distribution() {
        return background || shuffles > 0;
    }
}
