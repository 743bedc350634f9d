package dev.deeplift.cli;

import dev.deeplift.core.Layout;
import dev.deeplift.dl4j.DeepLift;
import java.util.function.BinaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network read from a file, ready to explain.
 *
 * @param explainer   DeepLIFT over the network, with its default settings
 * @param output      the network's (single) output for a batch and its feature mask (or null), after the output
 *                    activation, as DL4J's {@code output} computes it
 * @param description e.g. {@code MultiLayerNetwork(4 layers)}
 */
record LoadedModel(DeepLift explainer, BinaryOperator<INDArray> output, String description) {

    /** The network's data type, which inputs and references are cast to. */
    DataType dataType() {
        return explainer.model().dataType();
    }

    /** The layout of the (first) output if it is a sequence (units per time step), else null. */
    Layout sequenceLayout() {
        return explainer.model().outputLayout(0);
    }

    /** The units of the (first) output; the network is asked for one example if its configuration does not say. */
    long outputUnits(INDArray input) {
        long units = explainer.model().outputUnits().isEmpty() ? -1 : explainer.model().outputUnits().get(0);
        if (units >= 0) {
            return units;
        }
        INDArray one = output.apply(input.get(NDArrayIndex.interval(0, 1)), null);
        return one.length();
    }
}
