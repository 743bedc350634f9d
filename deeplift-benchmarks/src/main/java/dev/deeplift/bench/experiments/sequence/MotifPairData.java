package dev.deeplift.bench.experiments.sequence;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Sequences of a {@link MotifPairTask} with their labels and where each motif was planted.
 *
 * @param task      the task that drew them
 * @param oneHot    {@code [N, 4, L]} FLOAT (NCW; channels A, C, G, T)
 * @param sequences the bases
 * @param labels    1 if both motifs are planted, else 0
 * @param startA    where motif A starts, or −1 if it is absent
 * @param startB    where motif B starts, or −1
 */
public record MotifPairData(MotifPairTask task, INDArray oneHot, List<String> sequences, int[] labels, int[] startA,
                            int[] startB) {
    /** Checks one label and start per sequence and copies the arrays. */
    public MotifPairData {
        Objects.requireNonNull(task, "task");
        int n = sequences.size();
        if (oneHot.size(0) != n || labels.length != n || startA.length != n || startB.length != n) {
            throw new IllegalArgumentException("Need one encoding, label and start per sequence (" + n + ")");
        }
        sequences = List.copyOf(sequences);
        labels = labels.clone();
        startA = startA.clone();
        startB = startB.clone();
    }

    /** The number of sequences. */
    public int size() {
        return sequences.size();
    }

    /** Labels as a column {@code [N, 1]} FLOAT, as a sigmoid output with binary cross-entropy takes them. */
    public INDArray labelColumn() {
        INDArray y = Nd4j.create(org.nd4j.linalg.api.buffer.DataType.FLOAT, size(), 1);
        for (int i = 0; i < size(); i++) {
            y.putScalar(i, 0, labels[i]);
        }
        return y;
    }

    /** The positions of both motifs in sequence {@code i} (empty where none is planted), in increasing order. */
    public int[] planted(int i) {
        List<Integer> p = new ArrayList<>();
        add(p, startA[i], task.motifA().length());
        add(p, startB[i], task.motifB().length());
        return p.stream().mapToInt(Integer::intValue).sorted().toArray();
    }

    /** The positions of motif A (or B) in sequence {@code i}; empty if absent. */
    public int[] motif(int i, boolean a) {
        List<Integer> p = new ArrayList<>();
        add(p, a ? startA[i] : startB[i], (a ? task.motifA() : task.motifB()).length());
        return p.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Labels (a copy). */
    @Override
    public int[] labels() {
        return labels.clone();
    }

    /** Starts of motif A (a copy). */
    @Override
    public int[] startA() {
        return startA.clone();
    }

    /** Starts of motif B (a copy). */
    @Override
    public int[] startB() {
        return startB.clone();
    }

    private static void add(List<Integer> positions, int start, int width) {
        for (int k = 0; start >= 0 && k < width; k++) {
            positions.add(start + k);
        }
    }
}
