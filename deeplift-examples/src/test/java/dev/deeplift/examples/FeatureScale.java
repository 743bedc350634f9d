package dev.deeplift.examples;

import java.util.Map;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A user's own DL4J layer, unknown to deeplift4j: {@code y = x ⊙ w} with a learned scale per feature, written as DL4J
 * recommends custom layers are written (a SameDiff layer). {@link CustomLayerTest} makes it explainable with one
 * registered converter.
 */
public class FeatureScale extends SameDiffLayer {
    private long features;

    /** For DL4J's JSON serialization. */
    public FeatureScale() {
    }

    /** @param features the number of features, input and output */
    public FeatureScale(long features) {
        this.features = features;
    }

    public long getFeatures() {
        return features;
    }

    public void setFeatures(long features) {
        this.features = features;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable input, Map<String, SDVariable> params, SDVariable mask) {
        return input.mul(params.get("w"));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam("w", 1, features);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        params.get("w").assign(1.0);
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(features);
    }
}
