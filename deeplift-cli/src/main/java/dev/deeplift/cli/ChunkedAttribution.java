package dev.deeplift.cli;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Explainer;
import dev.deeplift.core.Layout;
import dev.deeplift.core.RulePolicy;
import dev.deeplift.core.Target;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import dev.deeplift.core.reference.ReferenceSet;
import dev.deeplift.dl4j.DeepLift;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Explains a batch chunk by chunk, so that the progress bar can count chunks: with one reference per example, by
 * DeepLIFT over chunks of {@code batchSize} examples; with a distribution of R references, by DeepSHAP over chunks
 * of {@code batchSize / R} examples ({@code batchSize} pairs). Every example's result depends only on that example
 * (and its references), so chunking changes no result beyond floating-point rounding of the batched products.
 *
 * <p>With a time step ({@code --step}), every unit is taken at that step of a sequence output
 * ({@link Target#unitAtStep}); the library refuses a sequence output without a step and a step on any other output,
 * and its message is passed on with the option to change.
 */
final class ChunkedAttribution {
    private final LoadedModel model;
    private final DeepLift explainer;
    private final DeepShap shap;
    private final Integer step;
    private final int batchSize;
    private final PrintStream err;

    /**
     * @param step the time step of a sequence output's units, or null for an output that is not a sequence
     */
    ChunkedAttribution(LoadedModel model, RulePolicy policy, Integer step, int batchSize, PrintStream err) {
        this.model = model;
        this.explainer = model.explainer().withRules(policy).withChunkSize(batchSize);
        this.step = step;
        this.shap = DeepShap.of(step == null ? explainer : atStep(explainer, step)).withBatchSize(batchSize);
        this.batchSize = batchSize;
        this.err = err;
    }

    /**
     * One result per target file: one for a unit or the predicted unit, one per unit for {@code all}.
     *
     * @param mask the feature mask {@code [N, T]}, or null
     */
    List<TargetScores> run(INDArray x, INDArray mask, Reference reference, TargetChoice target) {
        try {
            return chunks(x, mask, reference, target);
        } catch (IllegalArgumentException e) {
            throw withStepHint(e);
        }
    }

    private List<TargetScores> chunks(INDArray x, INDArray mask, Reference reference, TargetChoice target) {
        // Binding the reference to the whole input checks it (shape, rows, one-hot content) before any work.
        ReferenceSet refs = reference.forInput(x);
        int[] units = target instanceof TargetChoice.All ? IntStream.range(0, (int) model.outputUnits(x)).toArray()
                : null;
        boolean distribution = refs.perExample() > 1;
        int perChunk = distribution ? Math.max(1, batchSize / refs.perExample()) : batchSize;
        INDArray single = distribution ? null : refs.single();
        long n = x.size(0);
        ProgressBar bar = new ProgressBar(err, (int) ((n + perChunk - 1) / perChunk));
        List<List<Attribution>> parts = new ArrayList<>();
        try {
            for (long from = 0; from < n; from += perChunk) {
                long to = Math.min(n, from + perChunk);
                INDArray xc = rows(x, from, to, n);
                INDArray mc = mask == null ? null : rows(mask, from, to, n);
                List<Attribution> results = distribution ? deepShap(xc, reference, target, units)
                        : deepLift(xc, single.size(0) == 1 ? single : rows(single, from, to, n), mc, target, units);
                for (int k = 0; k < results.size(); k++) {
                    if (parts.size() <= k) {
                        parts.add(new ArrayList<>());
                    }
                    parts.get(k).add(results.get(k));
                }
                bar.step();
            }
        } finally {
            bar.abandon();
        }
        List<TargetScores> out = new ArrayList<>();
        for (int k = 0; k < parts.size(); k++) {
            out.add(merge(parts.get(k), units == null ? "scores" : "scores-target-" + units[k],
                    units == null ? target.toString() : "unit " + units[k]));
        }
        return out;
    }

    private List<Attribution> deepLift(INDArray x, INDArray ref, INDArray mask, TargetChoice target, int[] units) {
        if (step != null) {
            if (target instanceof TargetChoice.Unit u) {
                return List.of(explainer.explain(x, ref, Target.unitAtStep(u.index(), step), mask));
            }
            if (target instanceof TargetChoice.Predicted) {
                return List.of(explainer.explain(x, ref, Target.perExample(0, predicted(x, mask)).atStep(step),
                        mask));
            }
            List<Attribution> out = new ArrayList<>();
            for (int unit : units) {
                out.add(explainer.explain(x, ref, Target.unitAtStep(unit, step), mask));
            }
            return out;
        }
        if (target instanceof TargetChoice.Unit u) {
            return List.of(mask == null ? explainer.explain(x, ref, u.index())
                    : explainer.explain(x, ref, u.index(), mask));
        }
        if (target instanceof TargetChoice.Predicted) {
            return List.of(explainer.explainPredicted(x, ref, mask));
        }
        return explainer.explainTargets(x, ref, mask, units);
    }

    private List<Attribution> deepShap(INDArray x, Reference reference, TargetChoice target, int[] units) {
        if (target instanceof TargetChoice.Unit u) {
            return List.of(shap.explain(x, reference, u.index()));
        }
        if (target instanceof TargetChoice.Predicted) {
            if (step == null && model.sequenceLayout() != null) {
                // No unit can be picked without a step: any unit gets the library's refusal of such a target.
                return List.of(shap.explain(x, reference, 0));
            }
            return List.of(shap.explain(x, reference, predicted(x, null)));
        }
        List<Attribution> out = new ArrayList<>();
        for (int unit : units) {
            out.add(shap.explain(x, reference, unit));
        }
        return out;
    }

    /**
     * Each example's largest output (at the time step, if one is given); the output activation (softmax, sigmoid)
     * keeps the logits' order.
     */
    private int[] predicted(INDArray x, INDArray mask) {
        INDArray out = model.output().apply(x, mask);
        if (step != null && model.sequenceLayout() != null) {
            out = atStep(out, x.size(0));
        }
        return Nd4j.argMax(out.reshape(out.size(0), -1), 1).toIntVector();
    }

    /** The outputs {@code [N, K]} at the time step, from DL4J's {@code [N, K, T]}, {@code [N, T, K]} or
     * {@code [N·T, K]}. */
    private INDArray atStep(INDArray out, long n) {
        if (out.rank() == 3) {
            boolean ncw = model.sequenceLayout() == Layout.NCW;
            requireStepBelow(ncw ? out.size(2) : out.size(1));
            return ncw ? out.get(NDArrayIndex.all(), NDArrayIndex.all(), NDArrayIndex.point(step))
                    : out.get(NDArrayIndex.all(), NDArrayIndex.point(step), NDArrayIndex.all());
        }
        // Per-step dense outputs after an RnnToFeedForward preprocessor: DL4J returns row n + t·N of [N·T, K].
        requireStepBelow(out.size(0) / n);
        return out.get(NDArrayIndex.interval((long) step * n, (step + 1L) * n), NDArrayIndex.all());
    }

    private void requireStepBelow(long steps) {
        if (step >= steps) {
            throw CliException.failure("--step " + step + " is out of range: the output has " + steps
                    + " time steps (0.." + (steps - 1) + ")");
        }
    }

    /** The library's refusal of a missing or unwanted time step, with the option that gives or removes it. */
    private RuntimeException withStepHint(IllegalArgumentException e) {
        boolean sequence = model.sequenceLayout() != null;
        if (sequence && step == null) {
            return CliException.failure(e.getMessage() + " (on the command line: give the time step with --step T)",
                    e);
        }
        if (!sequence && step != null) {
            return CliException.failure(e.getMessage() + " (on the command line: leave out --step)", e);
        }
        return e;
    }

    /** Units taken at one time step: what DeepSHAP averages over the references. */
    private static Explainer atStep(DeepLift explainer, int step) {
        return new Explainer() {
            @Override
            public Attribution explain(INDArray input, INDArray reference, int[] targets) {
                return explainer.explain(input, reference, Target.perExample(0, targets).atStep(step));
            }

            @Override
            public String toString() {
                return explainer + " at time step " + step;
            }
        };
    }

    private static TargetScores merge(List<Attribution> parts, String fileStem, String title) {
        List<INDArray> scores = new ArrayList<>();
        List<INDArray> deltas = new ArrayList<>();
        List<int[]> targets = new ArrayList<>();
        for (Attribution a : parts) {
            scores.add(a.scores());
            deltas.add(a.deltas().reshape(a.deltas().length()));
            targets.add(a.targets());
        }
        return new TargetScores(fileStem, title, concat(scores), targets.stream().flatMapToInt(Arrays::stream)
                .toArray(), concat(deltas));
    }

    private static INDArray concat(List<INDArray> arrays) {
        return arrays.size() == 1 ? arrays.get(0) : Nd4j.concat(0, arrays.toArray(new INDArray[0]));
    }

    private static INDArray rows(INDArray a, long from, long to, long n) {
        return from == 0 && to == n ? a : a.get(NDArrayIndex.interval(from, to));
    }
}
