package dev.deeplift.spark;

import dev.deeplift.core.Layout;
import dev.deeplift.core.engine.ExplainedModel;
import dev.deeplift.core.graph.InputNode;
import dev.deeplift.dl4j.SavedModels;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The transformer's settings checked against the network, on the driver before any job: the example shape, the
 * output's units, the shared reference and background rows, the one-hot layout of shuffled references. Each
 * failure is an {@link IllegalArgumentException} that says what to set.
 */
final class NetworkChecks {
    private static final String WHO = "DeepLiftTransformer: ";

    private NetworkChecks() {
    }

    /**
     * One example's shape: the given one, else the network's if its configuration fixes every size; checked against
     * the network's input and its own shape check.
     *
     * @param given the inputShape param, or null
     */
    static long[] shape(ExplainedModel model, long[] given) {
        InputNode input = model.input(0);
        long[] fromNetwork = input.featureShape();
        long[] shape;
        if (given != null) {
            shape = given.clone();
            if (shape.length == 0 || Arrays.stream(shape).anyMatch(d -> d < 1)) {
                throw new IllegalArgumentException(WHO + "inputShape " + Arrays.toString(shape)
                        + " must have at least one axis, each of size 1 or more");
            }
        } else if (fromNetwork == null || Arrays.stream(fromNetwork).anyMatch(d -> d < 0)) {
            throw new IllegalArgumentException(WHO + "the network's configuration does not fix the shape of an "
                    + "example (it takes " + input.describeShape() + "): set inputShape to one example's shape, e.g. "
                    + "setInputShape(new long[] {1, 28, 28}) for 28x28 grey images");
        } else {
            shape = fromNetwork;
        }
        if (!input.accepts(batchShape(1, shape))) {
            throw new IllegalArgumentException(WHO + "inputShape " + Arrays.toString(shape) + " does not fit the "
                    + "network, which takes " + input.describeShape());
        }
        String problem = model.shapeCheck().problem(List.of(shape));
        if (problem != null) {
            throw new IllegalArgumentException(WHO + "inputShape " + Arrays.toString(shape) + ": " + problem);
        }
        return shape;
    }

    /** The output's units, from the configuration or else from the output for one all-zero example. */
    static long outputUnits(ModelSource.Loaded loaded, long[] shape) {
        ExplainedModel model = loaded.explainer().model();
        long units = model.outputUnits().get(0);
        if (units >= 0) {
            return units;
        }
        INDArray y = SavedModels.output(loaded.network(), Nd4j.zeros(model.dataType(), batchShape(1, shape)));
        return y.length();
    }

    /** The layout of one-hot rows for shuffled references: the given one, else the axis of size 4. */
    static Layout sequenceLayout(Layout given, long[] shape) {
        if (shape.length != 2) {
            throw new IllegalArgumentException(WHO + "shuffled references need one-hot sequences of shape [4, L] or "
                    + "[L, 4]; an example has shape " + Arrays.toString(shape));
        }
        if (given != null) {
            return given;
        }
        try {
            return Layout.detectSequence(batchShape(1, shape), 4);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(WHO + "shuffled references: " + e.getMessage()
                    + " (setSequenceLayout)", e);
        }
    }

    /** A reference or background row: the example's width, finite. */
    static void checkRow(double[] row, int width, String what) {
        if (row.length != width) {
            throw new IllegalArgumentException(WHO + what + " has " + row.length + " values but the network takes "
                    + width + " per example");
        }
        for (int i = 0; i < row.length; i++) {
            if (!Double.isFinite(row[i])) {
                throw new IllegalArgumentException(WHO + what + " has " + row[i] + " at element " + i);
            }
        }
    }

    private static long[] batchShape(long n, long[] shape) {
        long[] s = new long[shape.length + 1];
        s[0] = n;
        System.arraycopy(shape, 0, s, 1, shape.length);
        return s;
    }
}
