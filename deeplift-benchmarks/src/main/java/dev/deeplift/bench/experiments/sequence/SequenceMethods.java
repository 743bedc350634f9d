package dev.deeplift.bench.experiments.sequence;

import dev.deeplift.core.Layout;
import dev.deeplift.core.Rule;
import dev.deeplift.core.genomics.Dna;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.methods.IntegratedGradients;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.dl4j.Methods;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The methods compared, as in the paper's genomics experiment: all but DeepSHAP relative to the flat reference (each
 * base 0.25 at every position, the background the sequences are drawn from), DeepSHAP averaged over
 * dinucleotide-shuffled copies of each sequence.
 * <ol>
 *   <li>{@code rescale}, {@code reveal_cancel}: DeepLIFT with one rule for every nonlinearity, including the gates
 *       and cell activations inside the LSTM;</li>
 *   <li>{@code grad_times_inp}: gradient × (x − reference);</li>
 *   <li>{@code integrated_gradients_20}, {@code integrated_gradients_50}: integrated gradients, midpoint rule;</li>
 *   <li>{@code deepshap_shuffled_N}: DeepSHAP with Rescale over N dinucleotide shuffles
 *       ({@link Reference#dinucleotideShuffled(int, long, Layout)}).</li>
 * </ol>
 * Every method explains the classifier's single output unit, before its sigmoid.
 */
public final class SequenceMethods {
    /** Dinucleotide shuffles per sequence for DeepSHAP. */
    public static final int SHUFFLES = 10;

    private SequenceMethods() {
    }

    /**
     * Every method, in the table's order.
     *
     * @param net    a classifier of {@link SequenceModel}
     * @param length the sequence length
     * @param seed   the seed of the shuffles
     */
    public static List<SequenceMethod> all(MultiLayerNetwork net, int length, long seed) {
        INDArray flat = flat(length);
        DeepLift deepLift = DeepLift.of(net);
        List<SequenceMethod> methods = new ArrayList<>();
        methods.add(single("rescale", "DeepLIFT Rescale", deepLift.withRule(Rule.RESCALE), flat));
        methods.add(single("reveal_cancel", "DeepLIFT RevealCancel", deepLift.withRule(Rule.REVEAL_CANCEL), flat));
        methods.add(single("grad_times_inp", "gradient × input", Methods.gradientTimesInput(net), flat));
        methods.add(integrated(Methods.integratedGradients(net, 20), flat));
        methods.add(integrated(Methods.integratedGradients(net, 50), flat));
        DeepShap shap = DeepShap.of(deepLift.withRule(Rule.RESCALE));
        Reference shuffled = Reference.dinucleotideShuffled(SHUFFLES, seed, Layout.NCW);
        methods.add(new SequenceMethod("deepshap_shuffled_" + SHUFFLES, "DeepSHAP (Rescale), " + SHUFFLES
                + " shuffles", x -> shap.explain(x, shuffled, 0)));
        return List.copyOf(methods);
    }

    /** {@code [1, 4, length]} FLOAT, 0.25 everywhere: one reference shared by every sequence. */
    public static INDArray flat(int length) {
        return Nd4j.valueArrayOf(new long[] {1, Dna.BASES, length}, 1.0 / Dna.BASES, DataType.FLOAT);
    }

    private static SequenceMethod single(String key, String label, DeepLift explainer, INDArray reference) {
        return new SequenceMethod(key, label, x -> explainer.explain(x, reference, 0));
    }

    private static SequenceMethod integrated(IntegratedGradients ig, INDArray reference) {
        return new SequenceMethod("integrated_gradients_" + ig.steps(), "integrated gradients-" + ig.steps(),
                x -> ig.explain(x, reference, new int[(int) x.size(0)]));
    }
}
