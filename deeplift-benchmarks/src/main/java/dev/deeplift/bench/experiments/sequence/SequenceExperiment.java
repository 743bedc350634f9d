package dev.deeplift.bench.experiments.sequence;

import dev.deeplift.core.Attribution;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The measurement: on the positive test sequences a trained model classifies right (both motifs present, output
 * above 0.5), each method scores every position for the output's logit, and {@link PlantedRecovery} counts how many
 * of the planted positions rank among the top k (k = the number of planted positions).
 */
public final class SequenceExperiment {
    private SequenceExperiment() {
    }

    /**
     * Runs every method on up to {@code maxSequences} sequences.
     *
     * @throws IllegalArgumentException if the model classifies no positive test sequence right
     */
    public static ModelRecovery run(TrainedSequenceModel model, MotifPairData test, List<SequenceMethod> methods,
                                    int maxSequences) {
        int[] chosen = chosen(model.network(), test, maxSequences);
        if (chosen.length == 0) {
            throw new IllegalArgumentException(model.model().label() + " classifies no positive test sequence right");
        }
        INDArray x = rows(test.oneHot(), chosen);
        List<MethodRecovery> out = new ArrayList<>();
        INDArray warmUp = x.get(NDArrayIndex.interval(0, Math.min(2, chosen.length)), NDArrayIndex.all(),
                NDArrayIndex.all());
        for (SequenceMethod m : methods) {
            m.scorer().explain(warmUp); // the first call of a method converts the network and warms the JIT up
            long start = System.nanoTime();
            Attribution a = m.scorer().explain(x);
            double seconds = (System.nanoTime() - start) / 1e9;
            INDArray scores = a.scores();
            double recall = 0;
            int all = 0;
            int both = 0;
            double[] first = null;
            for (int j = 0; j < chosen.length; j++) {
                int i = chosen[j];
                double[] s = PlantedRecovery.positionScores(scores.get(NDArrayIndex.point(j), NDArrayIndex.all(),
                        NDArrayIndex.all()));
                double r = PlantedRecovery.recall(s, test.planted(i));
                recall += r;
                all += r == 1 ? 1 : 0;
                both += PlantedRecovery.bothMotifs(s, test.motif(i, true), test.motif(i, false)) ? 1 : 0;
                if (first == null) {
                    first = s;
                }
            }
            out.add(new MethodRecovery(m.key(), m.label(), recall / chosen.length, all / (double) chosen.length,
                    both / (double) chosen.length, seconds, a.maxSummationError(), first));
        }
        int e = chosen[0];
        int[] planted = concat(test.motif(e, true), test.motif(e, false));
        return new ModelRecovery(model, chosen.length, out, test.sequences().get(e), planted);
    }

    /** The first {@code max} positive sequences the network puts above 0.5, in test-set order. */
    static int[] chosen(MultiLayerNetwork net, MotifPairData test, int max) {
        INDArray p = net.output(test.oneHot(), false);
        int[] labels = test.labels();
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < test.size() && rows.size() < max; i++) {
            if (labels[i] == 1 && p.getDouble(i, 0) > 0.5) {
                rows.add(i);
            }
        }
        return rows.stream().mapToInt(Integer::intValue).toArray();
    }

    private static INDArray rows(INDArray oneHot, int[] rows) {
        long[] shape = oneHot.shape();
        return Nd4j.pullRows(oneHot.reshape(shape[0], shape[1] * shape[2]), 1, rows)
                .reshape(rows.length, shape[1], shape[2]);
    }

    private static int[] concat(int[] a, int[] b) {
        int[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
