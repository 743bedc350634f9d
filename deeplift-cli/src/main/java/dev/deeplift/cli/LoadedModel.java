package dev.deeplift.cli;

import dev.deeplift.dl4j.DeepLift;
import java.util.function.UnaryOperator;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * A network read from a file, ready to explain.
 *
 * @param explainer   DeepLIFT over the network, with its default settings
 * @param output      the network's (single) output for a batch, after the output activation
 * @param description e.g. {@code MultiLayerNetwork(4 layers)}
 */
record LoadedModel(DeepLift explainer, UnaryOperator<INDArray> output, String description) {

    /** The network's data type, which inputs and references are cast to. */
    DataType dataType() {
        return explainer.model().dataType();
    }

    /** The units of the (first) output; the network is asked for one example if its configuration does not say. */
    long outputUnits(INDArray input) {
        long units = explainer.model().outputUnits().isEmpty() ? -1 : explainer.model().outputUnits().get(0);
        if (units >= 0) {
            return units;
        }
        INDArray one = output.apply(input.get(NDArrayIndex.interval(0, 1)));
        return one.length();
    }
}
