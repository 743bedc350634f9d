package dev.deeplift.bench.experiments.mnist;

import dev.deeplift.core.Rule;
import dev.deeplift.dl4j.Methods;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The methods compared in the paper's Figure 4, in its order: gradient × input, integrated gradients with 5 and 10
 * steps, guided backprop × input, DeepLIFT Rescale and DeepLIFT RevealCancel. With the all-zero reference of the
 * experiment, every method's scores are its multipliers times the input.
 */
public final class Figure4Methods {
    private Figure4Methods() {
    }

    /** The six methods over one network. */
    public static List<AttributionMethod> of(MultiLayerNetwork net) {
        return List.of(
                new AttributionMethod("Gradient×input", Methods.gradientTimesInput(net)),
                new AttributionMethod("IG-5", Methods.integratedGradients(net, 5)),
                new AttributionMethod("IG-10", Methods.integratedGradients(net, 10)),
                new AttributionMethod("GuidedBackprop×input", Methods.guidedBackprop(net)),
                new AttributionMethod("DeepLIFT-Rescale", Methods.deepLift(net, Rule.RESCALE)),
                new AttributionMethod("DeepLIFT-RevealCancel", Methods.deepLift(net, Rule.REVEAL_CANCEL)));
    }
}
