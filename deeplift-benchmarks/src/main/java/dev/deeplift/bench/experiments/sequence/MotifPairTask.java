package dev.deeplift.bench.experiments.sequence;

import dev.deeplift.core.genomics.Dna;
import dev.deeplift.core.genomics.OneHot;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A synthetic DNA task with a planted ground truth: a sequence is positive if and only if it holds <em>both</em>
 * motifs, an interaction no single motif explains. Backgrounds are uniform random bases; half the sequences are
 * positive (both motifs planted at random non-overlapping positions), and the negatives are in equal shares empty,
 * motif A only or motif B only, so that neither motif alone predicts the label. A sequence is drawn again until each
 * motif occurs exactly where it was planted (forward strand) and nowhere else, so the planted positions are the only
 * evidence there is.
 *
 * <pre>{@code
 * MotifPairData train = MotifPairTask.defaults().generate(4000, 1L);
 * INDArray x = train.oneHot();          // [N, 4, L] (NCW)
 * }</pre>
 *
 * @param length  the sequence length L
 * @param motifA  the first motif (A, C, G, T)
 * @param motifB  the second motif
 */
public record MotifPairTask(int length, String motifA, String motifB) {
    /** GATA-like. */
    public static final String GATA = "GATAAG";
    /** An E-box (CANNTG), as TAL1 binds. */
    public static final String EBOX = "CAGATG";
    /** The default sequence length. */
    public static final int DEFAULT_LENGTH = 50;

    /** Checks the motifs fit twice without overlapping, and hold only bases. */
    public MotifPairTask {
        Objects.requireNonNull(motifA, "motifA");
        Objects.requireNonNull(motifB, "motifB");
        if (motifA.isEmpty() || motifB.isEmpty() || motifA.length() + motifB.length() > length) {
            throw new IllegalArgumentException("Two motifs of " + motifA.length() + " and " + motifB.length()
                    + " bases do not fit side by side in " + length);
        }
        for (String m : List.of(motifA, motifB)) {
            for (char c : m.toCharArray()) {
                if (Dna.index(c) < 0) {
                    throw new IllegalArgumentException("A motif holds bases A, C, G, T only, got " + m);
                }
            }
        }
    }

    /** Length 50, motifs GATAAG and CAGATG. */
    public static MotifPairTask defaults() {
        return new MotifPairTask(DEFAULT_LENGTH, GATA, EBOX);
    }

    /** The number of planted positions of a positive sequence. */
    public int plantedPositions() {
        return motifA.length() + motifB.length();
    }

    /**
     * {@code n} sequences drawn from {@code seed}: positives and the three kinds of negatives in a seeded random
     * order.
     */
    public MotifPairData generate(int n, long seed) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, got " + n);
        }
        Random random = new Random(seed);
        List<String> sequences = new ArrayList<>(n);
        int[] labels = new int[n];
        int[] startA = new int[n];
        int[] startB = new int[n];
        for (int i = 0; i < n; i++) {
            // Half positive; the negatives split evenly between none, A only and B only.
            boolean positive = random.nextBoolean();
            int kind = positive ? 3 : random.nextInt(3);
            boolean hasA = kind == 1 || kind == 3;
            boolean hasB = kind == 2 || kind == 3;
            while (true) {
                char[] s = new char[length];
                for (int p = 0; p < length; p++) {
                    s[p] = Dna.base(random.nextInt(Dna.BASES));
                }
                int a = hasA ? random.nextInt(length - motifA.length() + 1) : -1;
                int b = -1;
                if (hasB) {
                    do {
                        b = random.nextInt(length - motifB.length() + 1);
                    } while (a >= 0 && b < a + motifA.length() && a < b + motifB.length());
                }
                plant(s, motifA, a);
                plant(s, motifB, b);
                String seq = new String(s);
                if (onlyAt(seq, motifA, a) && onlyAt(seq, motifB, b)) {
                    sequences.add(seq);
                    labels[i] = positive ? 1 : 0;
                    startA[i] = a;
                    startB[i] = b;
                    break;
                }
            }
        }
        // OneHot encodes channels last; the recurrent layers read DL4J's default NCW.
        INDArray ncw = OneHot.encode(sequences, DataType.FLOAT).permute(0, 2, 1).dup('c');
        return new MotifPairData(this, ncw, sequences, labels, startA, startB);
    }

    private static void plant(char[] s, String motif, int start) {
        if (start >= 0) {
            motif.getChars(0, motif.length(), s, start);
        }
    }

    /** True if the motif occurs at {@code start} only, or nowhere when {@code start} is −1. */
    static boolean onlyAt(String sequence, String motif, int start) {
        for (int p = sequence.indexOf(motif); p >= 0; p = sequence.indexOf(motif, p + 1)) {
            if (p != start) {
                return false;
            }
        }
        return start < 0 || sequence.startsWith(motif, start);
    }
}
