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

    /** A result whose scores are already known (e.g. from split multipliers at a hidden layer). */
    public static GraphAttribution ofScores(List<INDArray> scores, List<INDArray> multipliers, INDArray deltas,
                                            String method) {
        return new GraphAttribution(List.copyOf(scores), List.copyOf(multipliers), deltas.reshape(deltas.length()),
                SummationCheck.errors(scores, deltas), method);
    }

    /** The results of consecutive chunks of one batch, joined along the batch axis. */
    public static GraphAttribution concat(List<GraphAttribution> parts) {
        int inputs = parts.get(0).inputCount();
        List<INDArray> scores = new java.util.ArrayList<>();
        List<INDArray> multipliers = new java.util.ArrayList<>();
        for (int k = 0; k < inputs; k++) {
            final int input = k;
            scores.add(org.nd4j.linalg.factory.Nd4j.concat(0,
                    parts.stream().map(p -> p.scores(input)).toArray(INDArray[]::new)));
            multipliers.add(org.nd4j.linalg.factory.Nd4j.concat(0,
                    parts.stream().map(p -> p.multipliers(input)).toArray(INDArray[]::new)));
        }
        INDArray deltas = org.nd4j.linalg.factory.Nd4j.concat(0,
                parts.stream().map(GraphAttribution::deltas).toArray(INDArray[]::new));
        INDArray errors = org.nd4j.linalg.factory.Nd4j.concat(0,
                parts.stream().map(GraphAttribution::summationErrors).toArray(INDArray[]::new));
        return new GraphAttribution(List.copyOf(scores), List.copyOf(multipliers), deltas, errors,
                parts.get(0).method());
    }

    private GraphAttribution(List<INDArray> scores, List<INDArray> multipliers, INDArray deltas,
                             INDArray summationErrors, String method) {
        this.scores = scores;
        this.multipliers = multipliers;
        this.deltas = deltas;
        this.summationErrors = summationErrors;
        this.method = method;
    }

    /** A copy whose arrays are detached from any workspace (they outlive it). */
    public GraphAttribution detached() {
        return new GraphAttribution(scores.stream().map(INDArray::detach).toList(),
                multipliers.stream().map(INDArray::detach).toList(), deltas.detach(), summationErrors.detach(), method);
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
