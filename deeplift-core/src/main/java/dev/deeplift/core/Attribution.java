package dev.deeplift.core;

import dev.deeplift.core.engine.SummationCheck;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The result of every method and every input count: the contribution of each input feature to one target per
 * example, relative to a reference, with how well the contributions sum to the target's change and how the result
 * was computed.
 *
 * <p>Per example {@code i}, the scores of all inputs sum to {@code deltas()[i]}, the difference between the target's
 * pre-activation at the input and at the reference (summation-to-delta); {@link #summationErrors()} says how well
 * that held. Where an example was explained against several references (DeepSHAP), scores, multipliers and deltas
 * are means over its (example, reference) pairs, and {@link #pairDeltas()} and {@link #pairSummationErrors()} give
 * every pair's own.
 *
 * <pre>{@code
 * Attribution a = DeepLift.of(net).explain(x, reference, 3);
 * INDArray s = a.scores();                  // x's shape; a network with several inputs: a.scores(k)
 * System.out.println(a);                    // method, rule, examples, targets, largest summation error
 * }</pre>
 *
 * <p>Immutable; its arrays are detached from every workspace and must not be modified.
 */
public final class Attribution {
    private static final int SHOWN_TARGETS = 8;

    private final List<INDArray> scores;
    private final List<INDArray> multipliers;
    private final INDArray deltas;
    private final INDArray summationErrors;
    private final int[] targets;
    private final INDArray pairDeltas;
    private final INDArray pairSummationErrors;
    private final INDArray averagedQuantity;
    private final LayerChecks layerChecks;
    private final Provenance provenance;

    private Attribution(List<INDArray> scores, List<INDArray> multipliers, INDArray deltas, INDArray summationErrors,
                        int[] targets, INDArray pairDeltas, INDArray pairSummationErrors, INDArray averagedQuantity,
                        LayerChecks layerChecks, Provenance provenance) {
        if (scores.isEmpty() || scores.size() != multipliers.size()) {
            throw new IllegalArgumentException("One scores and one multipliers array per input are needed, got "
                    + scores.size() + " and " + multipliers.size());
        }
        this.scores = List.copyOf(scores);
        this.multipliers = List.copyOf(multipliers);
        this.deltas = flat(deltas);
        this.summationErrors = flat(summationErrors);
        this.targets = targets.clone();
        this.pairDeltas = pairDeltas;
        this.pairSummationErrors = pairSummationErrors;
        this.averagedQuantity = averagedQuantity;
        this.layerChecks = layerChecks;
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /**
     * The attribution of multipliers: scores are {@code m · Δx} per input, and the summation errors are checked
     * against {@code deltas}.
     *
     * @param multipliers one array per input, each the input's shape
     * @param inputDeltas {@code x − x_ref} per input
     * @param deltas      {@code [N]}: the target's differences
     * @param targets     the target unit of each example
     */
    public static Attribution of(List<INDArray> multipliers, List<INDArray> inputDeltas, INDArray deltas,
                                 int[] targets, Provenance provenance) {
        List<INDArray> scores = new ArrayList<>();
        for (int k = 0; k < multipliers.size(); k++) {
            scores.add(multipliers.get(k).mul(inputDeltas.get(k)));
        }
        return ofScores(scores, multipliers, deltas, targets, provenance);
    }

    /**
     * The attribution of one input by a custom {@link Explainer}: scores are {@code m · Δx}.
     *
     * @param multipliers the input's shape
     * @param inputDelta  {@code x − x_ref}, the input's shape
     * @param deltas      {@code [N]}: the target's differences
     * @param method      the method's name, for the {@link Provenance}
     */
    public static Attribution of(INDArray multipliers, INDArray inputDelta, INDArray deltas, int[] targets,
                                 String method) {
        return of(List.of(multipliers), List.of(inputDelta), deltas, targets,
                Provenance.of(method, null, null, "given", multipliers.dataType(), null, ""));
    }

    /** An attribution whose scores are already known (e.g. from split multipliers at a hidden layer). */
    public static Attribution ofScores(List<INDArray> scores, List<INDArray> multipliers, INDArray deltas,
                                       int[] targets, Provenance provenance) {
        return new Attribution(scores, multipliers, deltas, SummationCheck.errors(scores, deltas), targets, null,
                null, null, null, provenance);
    }

    /**
     * An attribution averaged over several references per example, e.g. by DeepSHAP.
     *
     * @param scores              mean scores per example, the input's shape
     * @param multipliers         mean multipliers per example, the input's shape
     * @param deltas              {@code [N]}: mean pair deltas
     * @param pairDeltas          {@code [N, R]}: every pair's delta
     * @param pairSummationErrors {@code [N, R]}: every pair's summation error, from its own scores
     * @param averagedQuantity    the per-example mean of another per-pair quantity, or null
     */
    public static Attribution averaged(INDArray scores, INDArray multipliers, INDArray deltas, INDArray pairDeltas,
                                       INDArray pairSummationErrors, INDArray averagedQuantity, int[] targets,
                                       Provenance provenance) {
        return new Attribution(List.of(scores), List.of(multipliers), deltas,
                SummationCheck.errors(List.of(scores), deltas), targets, pairDeltas, pairSummationErrors,
                averagedQuantity, null, provenance);
    }

    /** The attributions of consecutive chunks of one batch, joined along the batch axis. */
    public static Attribution concat(List<Attribution> parts) {
        if (parts.size() == 1) {
            return parts.get(0);
        }
        Attribution first = parts.get(0);
        List<INDArray> scores = new ArrayList<>();
        List<INDArray> multipliers = new ArrayList<>();
        for (int k = 0; k < first.inputCount(); k++) {
            final int input = k;
            scores.add(join(parts, a -> a.scores.get(input)));
            multipliers.add(join(parts, a -> a.multipliers.get(input)));
        }
        int[] targets = parts.stream().flatMapToInt(a -> Arrays.stream(a.targets)).toArray();
        LayerChecks checks = first.layerChecks == null ? null
                : LayerChecks.concat(parts.stream().map(a -> a.layerChecks).toList());
        return new Attribution(scores, multipliers, join(parts, Attribution::deltas),
                join(parts, Attribution::summationErrors), targets,
                first.pairDeltas == null ? null : join(parts, a -> a.pairDeltas),
                first.pairSummationErrors == null ? null : join(parts, a -> a.pairSummationErrors),
                first.averagedQuantity == null ? null : join(parts, a -> a.averagedQuantity), checks,
                first.provenance);
    }

    private static INDArray join(List<Attribution> parts, Function<Attribution, INDArray> part) {
        return Nd4j.concat(0, parts.stream().map(part).toArray(INDArray[]::new));
    }

    /** A copy whose arrays are detached from any workspace (they outlive it). */
    public Attribution detached() {
        return new Attribution(scores.stream().map(INDArray::detach).toList(),
                multipliers.stream().map(INDArray::detach).toList(), deltas.detach(), summationErrors.detach(),
                targets, detach(pairDeltas), detach(pairSummationErrors), detach(averagedQuantity),
                layerChecks == null ? null : layerChecks.detached(), provenance);
    }

    /** {@code a} as {@code [N]}: itself when it already is (a reshape would be a new array on every call). */
    private static INDArray flat(INDArray a) {
        return a.rank() == 1 ? a : a.reshape(a.length());
    }

    private static INDArray detach(INDArray a) {
        return a == null ? null : a.detach();
    }

    /** The same attribution with another provenance. */
    public Attribution withProvenance(Provenance p) {
        return new Attribution(scores, multipliers, deltas, summationErrors, targets, pairDeltas, pairSummationErrors,
                averagedQuantity, layerChecks, p);
    }

    /** The same attribution with a per-node exactness report. */
    public Attribution withLayerChecks(LayerChecks checks) {
        return new Attribution(scores, multipliers, deltas, summationErrors, targets, pairDeltas, pairSummationErrors,
                averagedQuantity, checks, provenance);
    }

    /** The same attribution with other target units (e.g. the caller's numbering of the examples' targets). */
    public Attribution withTargets(int[] units) {
        if (units.length != targets.length) {
            throw new IllegalArgumentException(units.length + " targets for " + targets.length + " examples");
        }
        return new Attribution(scores, multipliers, deltas, summationErrors, units, pairDeltas, pairSummationErrors,
                averagedQuantity, layerChecks, provenance);
    }

    /**
     * Contributions {@code C = m · (x − x_ref)} of the single input, its shape, e.g. {@code [N, features]}; for
     * token indices read by embedding layers, one score per token (its embedding vector's summed contribution).
     *
     * @throws IllegalStateException if the network has several inputs: use {@link #scores(int)}
     */
    public INDArray scores() {
        return scores.get(single("scores"));
    }

    /** Contributions of input {@code k} (in the network's input order), its shape. */
    public INDArray scores(int k) {
        return scores.get(checkInput(k));
    }

    /**
     * Multipliers {@code m = C / Δx} of the single input, its shape. For token indices (an input read by embedding
     * layers) {@code Δx} is the indicator {@code x ≠ x_ref}, so a multiplier is the token's score where the token
     * changes and 0 where it does not: not a derivative with respect to the index.
     */
    public INDArray multipliers() {
        return multipliers.get(single("multipliers"));
    }

    /** Multipliers of input {@code k}, its shape. */
    public INDArray multipliers(int k) {
        return multipliers.get(checkInput(k));
    }

    /** Number of inputs whose features are scored (1 but for multi-input computation graphs). */
    public int inputCount() {
        return scores.size();
    }

    /** Number of examples. */
    public long examples() {
        return deltas.length();
    }

    /** {@code [N]}: {@code target(x) − target(x_ref)}, scored before the output activation. */
    public INDArray deltas() {
        return deltas;
    }

    /** {@code [N]}: per example {@code |Σ over inputs of sum(scores_i) − deltas_i|}. */
    public INDArray summationErrors() {
        return summationErrors;
    }

    /** Max over examples of {@code |Σ scores_i − deltas_i|}. */
    public double maxSummationError() {
        return summationErrors.length() == 0 ? 0.0 : summationErrors.maxNumber().doubleValue();
    }

    /** The target unit each example was explained for (e.g. the predicted class of {@code explainPredicted}). */
    public int[] targets() {
        return targets.clone();
    }

    /** R, the number of references each example was explained against (1 but for DeepSHAP). */
    public int referencesPerExample() {
        return pairDeltas == null ? 1 : (int) pairDeltas.size(1);
    }

    /** {@code [N, R]}: {@code target(x_i) − target(reference_ir)} of every pair; {@code [N, 1]} deltas if R is 1. */
    public INDArray pairDeltas() {
        return pairDeltas != null ? pairDeltas : deltas.reshape(deltas.length(), 1);
    }

    /** {@code [N, R]}: every pair's summation error, from its raw scores before averaging. */
    public INDArray pairSummationErrors() {
        return pairSummationErrors != null ? pairSummationErrors
                : summationErrors.reshape(summationErrors.length(), 1);
    }

    /** The largest per-pair summation error (the largest summation error if R is 1). */
    public double maxPairSummationError() {
        return pairSummationErrors == null ? maxSummationError() : pairSummationErrors.maxNumber().doubleValue();
    }

    /** The per-example mean of a per-pair quantity DeepSHAP was asked to average, if one was. */
    public Optional<INDArray> averagedQuantity() {
        return Optional.ofNullable(averagedQuantity);
    }

    /** The per-node exactness report, if the explainer was asked for one ({@code withLayerChecks(true)}). */
    public Optional<LayerChecks> layerChecks() {
        return Optional.ofNullable(layerChecks);
    }

    /** How the result was computed. */
    public Provenance provenance() {
        return provenance;
    }

    private int single(String what) {
        if (scores.size() != 1) {
            throw new IllegalStateException("This attribution has " + scores.size() + " inputs: use " + what
                    + "(k) for input k");
        }
        return 0;
    }

    private int checkInput(int k) {
        if (k < 0 || k >= scores.size()) {
            throw new IndexOutOfBoundsException("Input " + k + " is out of range: this attribution has "
                    + scores.size() + " input" + (scores.size() == 1 ? "" : "s"));
        }
        return k;
    }

    /** Method and rules, examples, inputs, targets, delta range and the largest summation error. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Attribution{").append(provenance.describeMethod());
        if (!provenance.details().isEmpty()) {
            sb.append(" (").append(provenance.details()).append(')');
        }
        sb.append(", ").append(examples()).append(examples() == 1 ? " example" : " examples");
        for (int k = 0; k < scores.size(); k++) {
            sb.append(k == 0 ? ", input " : " + ").append(Arrays.toString(scores.get(k).shape()));
        }
        sb.append(", targets ").append(shown(targets));
        if (deltas.length() > 0) {
            sb.append(String.format(", deltas %.4g..%.4g", deltas.minNumber().doubleValue(),
                    deltas.maxNumber().doubleValue()));
        }
        sb.append(String.format(", max summation error %.3g", maxSummationError()));
        if (pairDeltas != null) {
            sb.append(String.format(", %d references per example (max pair error %.3g)", referencesPerExample(),
                    maxPairSummationError()));
        }
        if (layerChecks != null) {
            sb.append(", worst node ").append(layerChecks.worst());
        }
        return sb.append(", reference ").append(provenance.reference()).append(", ").append(provenance.dataType())
                .append('}').toString();
    }

    private static String shown(int[] t) {
        if (t.length == 0) {
            return "[]";
        }
        if (Arrays.stream(t).allMatch(v -> v == t[0])) {
            return t.length == 1 ? "[" + t[0] + "]" : "all " + t[0];
        }
        String head = Arrays.toString(Arrays.copyOf(t, Math.min(t.length, SHOWN_TARGETS)));
        return t.length <= SHOWN_TARGETS ? head : head.substring(0, head.length() - 1) + ", ...]";
    }
}
