package dev.deeplift.core.reference;

import dev.deeplift.core.Layout;
import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Random one-hot DNA for tests, with runs of N (all-zero positions). */
final class RandomSequences {
    private RandomSequences() {
    }

    /** Random tokens 0..3, with about {@code nFraction} of the positions N, some in runs. */
    static int[] tokens(Random rng, int length, double nFraction) {
        int[] t = new int[length];
        for (int p = 0; p < length; p++) {
            if (rng.nextDouble() < nFraction) {
                int run = 1 + rng.nextInt(3);
                for (int k = 0; k < run && p < length; k++, p++) {
                    t[p] = OneHotTokens.NONE;
                }
                p--;
            } else {
                t[p] = rng.nextInt(4);
            }
        }
        return t;
    }

    /** {@code [N, L, 4]} one-hot sequences. */
    static INDArray channelsLast(DataType dt, long seed, int n, int length, double nFraction) {
        Random rng = new Random(seed);
        double[] data = new double[n * length * 4];
        for (int i = 0; i < n; i++) {
            OneHotTokens.encode(tokens(rng, length, nFraction), 4, Layout.NWC, data, i * length * 4);
        }
        return Nd4j.create(data, new long[] {n, length, 4}, 'c').castTo(dt);
    }

    /** The tokens of example {@code i}. */
    static int[] decode(INDArray batch, long i, Layout layout) {
        return OneHotTokens.decode(batch, i, layout, "test");
    }

    /** Counts of each token (index 4 for N). */
    static int[] monoCounts(int[] t) {
        int[] c = new int[5];
        for (int v : t) {
            c[v == OneHotTokens.NONE ? 4 : v]++;
        }
        return c;
    }

    /** Counts of each adjacent pair, {@code 5 × 5} with index 4 for N. */
    static int[] pairCounts(int[] t) {
        int[] c = new int[25];
        for (int p = 0; p + 1 < t.length; p++) {
            int a = t[p] == OneHotTokens.NONE ? 4 : t[p];
            int b = t[p + 1] == OneHotTokens.NONE ? 4 : t[p + 1];
            c[a * 5 + b]++;
        }
        return c;
    }
}
