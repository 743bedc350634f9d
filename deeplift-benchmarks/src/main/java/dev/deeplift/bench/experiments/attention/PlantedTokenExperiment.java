package dev.deeplift.bench.experiments.attention;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.Rule;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.dl4j.Methods;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Which attribution method finds the planted tokens: every method explains the logit of class 1 ("both A and B
 * occur") on sequences that hold both, and scores whether A and B are the two top-scoring positions.
 *
 * <p>DeepLIFT (Rescale, RevealCancel), gradient × input and integrated gradients use the all-zero reference (no
 * token anywhere: every position's embedding is the embedding layer's bias); DeepSHAP averages DeepLIFT Rescale
 * over a background of sampled training sequences.
 */
public final class PlantedTokenExperiment {
    /** Steps of integrated gradients. */
    public static final int IG_STEPS = 32;
    /** Background sequences of DeepSHAP. */
    public static final int BACKGROUND = 16;

    private PlantedTokenExperiment() {
    }

    /** A method: its name and how it explains one-hot sequences for targets. */
    record Method(String name, BiFunction<INDArray, int[], Attribution> explain) {
    }

    /** The compared methods on one trained graph, with a DeepSHAP background drawn from {@code background}. */
    static List<Method> methods(ComputationGraph graph, PlantedTokenTask.Sequences background) {
        INDArray bg = background.oneHot(DataType.FLOAT);
        List<Method> methods = new ArrayList<>();
        methods.add(zeroReference("DeepLIFT Rescale", Methods.deepLift(graph, Rule.RESCALE)));
        methods.add(zeroReference("DeepLIFT RevealCancel", Methods.deepLift(graph, Rule.REVEAL_CANCEL)));
        methods.add(zeroReference("Gradient × input", Methods.gradientTimesInput(graph)));
        methods.add(zeroReference("Integrated gradients (" + IG_STEPS + ")",
                Methods.integratedGradients(graph, IG_STEPS)));
        DeepShap shap = DeepShap.of(Methods.deepLift(graph, Rule.RESCALE));
        methods.add(new Method("DeepSHAP (Rescale, " + bg.size(0) + " backgrounds)",
                (x, targets) -> shap.explain(x, Reference.background(bg), targets)));
        return methods;
    }

    private static Method zeroReference(String name, Explainer explainer) {
        return new Method(name, (x, targets) -> explainer.explain(x, x.mul(0).get(
                org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), targets));
    }

    /** Runs every method on {@code sequences} (each holding both planted tokens). */
    public static List<MethodHits> run(ComputationGraph graph, PlantedTokenTask.Sequences sequences,
                                       PlantedTokenTask.Sequences background) {
        INDArray x = sequences.oneHot(DataType.FLOAT);
        int[] targets = new int[sequences.size()];
        Arrays.fill(targets, 1);
        List<MethodHits> results = new ArrayList<>();
        for (Method m : methods(graph, background)) {
            long start = System.nanoTime();
            Attribution a = m.explain().apply(x, targets);
            double seconds = (System.nanoTime() - start) / 1e9;
            results.add(score(m.name(), a, sequences, seconds));
        }
        return results;
    }

    /** The hit rates of one method's attribution. */
    static MethodHits score(String name, Attribution a, PlantedTokenTask.Sequences sequences, double seconds) {
        double[][] perPosition = TopTokens.positionScores(a.scores());
        int all = 0;
        int bothTokens = 0;
        double recall = 0;
        double share = 0;
        for (int n = 0; n < sequences.size(); n++) {
            int[] planted = sequences.planted()[n];
            int hits = TopTokens.hits(perPosition[n], planted.length, planted);
            all += hits == planted.length ? 1 : 0;
            recall += hits / (double) planted.length;
            boolean[] top2 = TopTokens.top(perPosition[n], 2);
            boolean a2 = false;
            boolean b2 = false;
            double positive = 0;
            double plantedScore = 0;
            for (int t = 0; t < perPosition[n].length; t++) {
                int token = sequences.tokens()[n][t];
                a2 |= top2[t] && token == PlantedTokenTask.A;
                b2 |= top2[t] && token == PlantedTokenTask.B;
                positive += Math.max(0, perPosition[n][t]);
                plantedScore += token == PlantedTokenTask.A || token == PlantedTokenTask.B
                        ? Math.max(0, perPosition[n][t]) : 0;
            }
            bothTokens += a2 && b2 ? 1 : 0;
            share += positive > 0 ? plantedScore / positive : 0;
        }
        int n = sequences.size();
        double error = a.referencesPerExample() > 1 ? a.maxPairSummationError() : a.maxSummationError();
        return new MethodHits(name, n, all / (double) n, recall / n, bothTokens / (double) n, share / n, error,
                seconds);
    }
}
