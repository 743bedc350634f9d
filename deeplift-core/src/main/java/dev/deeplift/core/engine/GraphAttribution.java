package dev.deeplift.core.engine;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The result of explaining a network with several inputs: scores and multipliers per input, and per example one
 * delta that the scores of all inputs together sum to.
 */
public final class GraphAttribution {
    private final List<INDArray> scores;
    private final List<INDArray> multipliers;
    private final INDArray deltas;
    private final INDArray summationErrors;
    private final String method;

    /**
     * @param multipliers one array per input, each the input's shape
     * @param inputDeltas {@code x − x_ref} per input
     * @param deltas      {@code [N]} target deltas
     * @param method      how it was computed
     */
    public static GraphAttribution of(List<INDArray> multipliers, List<INDArray> inputDeltas, INDArray deltas,
                                      String method) {
        List<INDArray> scores = new java.util.ArrayList<>();
        for (int k = 0; k < multipliers.size(); k++) {
            scores.add(multipliers.get(k).mul(inputDeltas.get(k)));
        }
        return new GraphAttribution(List.copyOf(scores), List.copyOf(multipliers), deltas.reshape(deltas.length()),
                SummationCheck.errors(scores, deltas), method);
    }

    private GraphAttribution(List<INDArray> scores, List<INDArray> multipliers, INDArray deltas,
                             INDArray summationErrors, String method) {
        this.scores = scores;
        this.multipliers = multipliers;
        this.deltas = deltas;
        this.summationErrors = summationErrors;
        this.method = method;
    }

    /** Number of inputs. */
    public int inputCount() {
        return scores.size();
    }

    /** Scores of input {@code k}, its shape. */
    public INDArray scores(int k) {
        return scores.get(k);
    }

    /** Scores of every input. */
    public List<INDArray> scores() {
        return scores;
    }

    /** Multipliers of input {@code k}, its shape. */
    public INDArray multipliers(int k) {
        return multipliers.get(k);
    }

    /** Multipliers of every input. */
    public List<INDArray> multipliers() {
        return multipliers;
    }

    /** {@code [N]}: {@code target(x) − target(x_ref)} before the output activation. */
    public INDArray deltas() {
        return deltas;
    }

    /** {@code [N]}: per example {@code |Σ over inputs of sum(scores) − delta|}. */
    public INDArray summationErrors() {
        return summationErrors;
    }

    /** The largest summation error. */
    public double maxSummationError() {
        return summationErrors.length() == 0 ? 0.0 : summationErrors.maxNumber().doubleValue();
    }

    /** How the result was computed. */
    public String method() {
        return method;
    }

    @Override
    public String toString() {
        return "GraphAttribution{" + method + ", inputs=" + scores.size() + ", examples=" + deltas.length()
                + ", maxSummationError=" + maxSummationError() + "}";
    }
}
