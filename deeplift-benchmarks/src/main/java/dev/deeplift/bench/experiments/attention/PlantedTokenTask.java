package dev.deeplift.bench.experiments.attention;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A synthetic token task with a planted interaction: sequences of {@link #LENGTH} tokens from a vocabulary of
 * {@link #VOCABULARY}, labelled 1 if and only if both token {@link #A} and token {@link #B} occur. Half of the
 * sequences hold both; the rest hold only A, only B or neither, a sixth each. A planted token that occurs occurs one
 * to three times (even odds), at random positions, so some evidence is redundant (a second copy changes little once
 * the first is there: the saturation DeepLIFT was designed for). The other positions are filler tokens
 * ({@code 3..VOCABULARY−1}), uniformly. Neither planted token alone says anything about the label.
 */
public final class PlantedTokenTask {
    /** Tokens per sequence. */
    public static final int LENGTH = 16;
    /** Token values {@code 0..VOCABULARY−1}; 0 is never used (kept free as a padding value). */
    public static final int VOCABULARY = 16;
    /** The first planted token. */
    public static final int A = 1;
    /** The second planted token. */
    public static final int B = 2;
    private static final int FIRST_FILLER = 3;

    private PlantedTokenTask() {
    }

    /**
     * Sequences of the task.
     *
     * @param tokens  {@code [N][LENGTH]} token values
     * @param labels  1 if both planted tokens occur
     * @param planted per sequence, the positions of its planted tokens (A's and B's)
     */
    public record Sequences(int[][] tokens, int[] labels, int[][] planted) {
        /** The number of sequences. */
        public int size() {
            return labels.length;
        }

        /** One-hot {@code [N, VOCABULARY, LENGTH]} (NCW: a channel per token value), in {@code dataType}. */
        public INDArray oneHot(DataType dataType) {
            INDArray x = Nd4j.zeros(dataType, size(), VOCABULARY, LENGTH);
            for (int n = 0; n < size(); n++) {
                for (int t = 0; t < LENGTH; t++) {
                    x.putScalar(new int[] {n, tokens[n][t], t}, 1.0);
                }
            }
            return x;
        }

        /** One-hot labels {@code [N, 2]}. */
        public INDArray labelMatrix(DataType dataType) {
            INDArray y = Nd4j.zeros(dataType, size(), 2);
            for (int n = 0; n < size(); n++) {
                y.putScalar(n, labels[n], 1.0);
            }
            return y;
        }

        /** The indices of the sequences labelled 1 (both planted tokens present). */
        public int[] positives() {
            return java.util.stream.IntStream.range(0, size()).filter(n -> labels[n] == 1).toArray();
        }

        /** The sequences at the given indices. */
        public Sequences select(int[] rows) {
            int[][] t = new int[rows.length][];
            int[] l = new int[rows.length];
            int[][] p = new int[rows.length][];
            for (int i = 0; i < rows.length; i++) {
                t[i] = tokens[rows[i]].clone();
                l[i] = labels[rows[i]];
                p[i] = planted[rows[i]].clone();
            }
            return new Sequences(t, l, p);
        }
    }

    /** {@code n} sequences drawn from {@code seed}. */
    public static Sequences sample(int n, long seed) {
        Random rng = new Random(seed);
        int[][] tokens = new int[n][LENGTH];
        int[] labels = new int[n];
        int[][] planted = new int[n][];
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < LENGTH; t++) {
                tokens[i][t] = FIRST_FILLER + rng.nextInt(VOCABULARY - FIRST_FILLER);
            }
            double kind = rng.nextDouble();
            // [0, ½): both; [½, ⅔): only B; [⅔, ⅚): only A; [⅚, 1): neither.
            boolean hasA = kind < 0.5 || (kind >= 4.0 / 6 && kind < 5.0 / 6);
            boolean hasB = kind < 0.5 || (kind >= 0.5 && kind < 4.0 / 6);
            List<Integer> free = new ArrayList<>();
            for (int t = 0; t < LENGTH; t++) {
                free.add(t);
            }
            List<Integer> at = new ArrayList<>();
            for (int token : new int[] {A, B}) {
                if (token == A ? hasA : hasB) {
                    int copies = 1 + rng.nextInt(3);
                    for (int c = 0; c < copies; c++) {
                        int p = free.remove(rng.nextInt(free.size()));
                        tokens[i][p] = token;
                        at.add(p);
                    }
                }
            }
            planted[i] = at.stream().mapToInt(Integer::intValue).sorted().toArray();
            labels[i] = hasA && hasB ? 1 : 0;
        }
        return new Sequences(tokens, labels, planted);
    }
}
