package dev.deeplift.bench.talgata;

import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.methods.IntegratedGradients;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.DeepLift;
import dev.deeplift.dl4j.Methods;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The methods the paper compares in Figure 5, on the TAL-GATA model, each relative to the flat background
 * reference (0.3, 0.2, 0.2, 0.3) except the last, which averages over shuffled references:
 * <ol>
 *   <li>{@code guided_backprop}: guided backprop × (x − ref);</li>
 *   <li>{@code grad_times_inp}: gradient × (x − ref) (DeepLIFT with {@link Rule#GRADIENT});</li>
 *   <li>{@code integrated_gradients_5}, {@code integrated_gradients_10}: integrated gradients, midpoint rule, as
 *       the authors' {@code get_integrated_gradients_function};</li>
 *   <li>{@code rescale}, {@code reveal_cancel}: DeepLIFT with one rule on every layer;</li>
 *   <li>{@code genomics_default}: {@link RulePolicy#genomicsDefault()}, RevealCancel after dense layers and Rescale
 *       after convolutions ("DeepLIFT-fc-RC-conv-RS");</li>
 *   <li>{@code genomics_default_multiref_10}: that policy averaged over 10 dinucleotide-shuffled copies of each
 *       sequence (DeepSHAP, {@link Reference#dinucleotideShuffled(int, long)}).</li>
 * </ol>
 */
public final class Figure5Methods {
    /** Shuffled references per sequence for the multi-reference method, as in the paper's notebook. */
    public static final int SHUFFLED_REFERENCES = 10;

    private Figure5Methods() {
    }

    /**
     * Every method, in the paper's order (IG-5 beside IG-10).
     *
     * @param net  the TAL-GATA model ({@link TalGataModel#load()})
     * @param seed the seed of the dinucleotide shuffles
     */
    public static List<Figure5Method> all(MultiLayerNetwork net, long seed) {
        INDArray ref = TalGataReference.flat(TalGataData.LENGTH);
        DeepLift deepLift = DeepLift.of(net);
        List<Figure5Method> methods = new ArrayList<>();
        methods.add(flat("guided_backprop", "guided backprop × inp", Methods.guidedBackprop(net), ref));
        methods.add(flat("grad_times_inp", "gradient × inp", Methods.gradientTimesInput(net), ref));
        methods.add(flat("integrated_gradients_5", "integrated gradients-5", Methods.integratedGradients(net, 5), ref));
        methods.add(flat("integrated_gradients_10", "integrated gradients-10", Methods.integratedGradients(net, 10),
                ref));
        methods.add(flat("rescale", "DeepLIFT Rescale", deepLift.withRule(Rule.RESCALE), ref));
        methods.add(flat("reveal_cancel", "DeepLIFT RevealCancel", deepLift.withRule(Rule.REVEAL_CANCEL), ref));
        DeepLift genomics = deepLift.withRules(RulePolicy.genomicsDefault());
        methods.add(flat("genomics_default", "DeepLIFT fc-RC-conv-RS", genomics, ref));
        Reference shuffled = Reference.dinucleotideShuffled(SHUFFLED_REFERENCES, seed);
        DeepShap shap = DeepShap.of(genomics);
        methods.add(new Figure5Method("genomics_default_multiref_10", "DeepLIFT fc-RC-conv-RS multiref-10",
                (x, task) -> shap.explain(x, shuffled, task)));
        return List.copyOf(methods);
    }

    /** The methods with the given keys, in the order given. */
    public static List<Figure5Method> select(List<Figure5Method> methods, List<String> keys) {
        Map<String, Figure5Method> byKey = new LinkedHashMap<>();
        for (Figure5Method m : methods) {
            byKey.put(m.key(), m);
        }
        List<Figure5Method> out = new ArrayList<>();
        for (String key : keys) {
            Figure5Method m = byKey.get(key);
            if (m == null) {
                throw new IllegalArgumentException("No method " + key + "; the methods are " + byKey.keySet());
            }
            out.add(m);
        }
        return List.copyOf(out);
    }

    private static Figure5Method flat(String key, String label, DeepLift explainer, INDArray ref) {
        return new Figure5Method(key, label, (x, task) -> explainer.explain(x, ref, task));
    }

    private static Figure5Method flat(String key, String label, IntegratedGradients ig, INDArray ref) {
        return new Figure5Method(key, label, (x, task) -> ig.explain(x, ref, filled((int) x.size(0), task)));
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }
}
