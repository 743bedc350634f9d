package dev.deeplift.core.reference;

import java.util.Random;

/**
 * Shuffles a token sequence while keeping the exact count of every token and of every pair of adjacent tokens
 * (Altschul and Erickson, "Significance of nucleotide sequence alignments", Mol. Biol. Evol. 1985).
 *
 * <p>The adjacent pairs are the edges of a multigraph over the alphabet; every sequence with the same pair counts
 * is an Eulerian path of it from the first token to the last. One is drawn uniformly (Kandel et al. 1996): a
 * random spanning arborescence towards the last token fixes the last edge leaving each other token (Wilson's
 * loop-erased random walk, which needs no retries however skewed the counts), the other edges leaving each token
 * are put in random order, and the path follows them.
 *
 * <p>{@link OneHotTokens#NONE} positions stay in place; each run of tokens between them is shuffled on its own.
 */
final class DinucleotideShuffle {
    private DinucleotideShuffle() {
    }

    /**
     * A shuffled copy.
     *
     * @param tokens   {@code 0..alphabet−1}, or {@link OneHotTokens#NONE}
     * @param alphabet the alphabet size
     * @param rng      the source of randomness
     */
    static int[] shuffle(int[] tokens, int alphabet, Random rng) {
        int[] out = tokens.clone();
        int start = 0;
        while (start < tokens.length) {
            if (tokens[start] == OneHotTokens.NONE) {
                start++;
                continue;
            }
            int end = start;
            while (end < tokens.length && tokens[end] != OneHotTokens.NONE) {
                end++;
            }
            shuffleRun(tokens, start, end, alphabet, rng, out);
            start = end;
        }
        return out;
    }

    /** Shuffles {@code tokens[from, to)}, none of them NONE, into {@code out[from, to)}. */
    private static void shuffleRun(int[] tokens, int from, int to, int alphabet, Random rng, int[] out) {
        if (to - from <= 2) {
            return; // one order only; out already holds the copy
        }
        // successors[a][0..degree[a]): the token after each occurrence of a.
        int[] degree = new int[alphabet];
        for (int i = from; i < to - 1; i++) {
            degree[tokens[i]]++;
        }
        int[][] successors = new int[alphabet][];
        for (int a = 0; a < alphabet; a++) {
            successors[a] = new int[degree[a]];
        }
        int[] fill = new int[alphabet];
        for (int i = from; i < to - 1; i++) {
            successors[tokens[i]][fill[tokens[i]]++] = tokens[i + 1];
        }
        int first = tokens[from];
        int last = tokens[to - 1];

        // A uniform random arborescence towards `last`: lastEdge[v] is the index of v's final exit.
        int[] lastEdge = new int[alphabet];
        boolean[] inTree = new boolean[alphabet];
        inTree[last] = true;
        for (int u = 0; u < alphabet; u++) {
            if (degree[u] == 0 || inTree[u]) {
                continue;
            }
            for (int v = u; !inTree[v]; v = successors[v][lastEdge[v]]) {
                lastEdge[v] = rng.nextInt(degree[v]); // a revisit overwrites: the walk's loops are erased
            }
            for (int v = u; !inTree[v]; v = successors[v][lastEdge[v]]) {
                inTree[v] = true;
            }
        }

        // The other exits of each token in random order; the tree edge last.
        for (int v = 0; v < alphabet; v++) {
            int[] s = successors[v];
            int free = s.length;
            if (v != last && s.length > 0) {
                swap(s, lastEdge[v], s.length - 1);
                free--;
            }
            for (int i = free - 1; i > 0; i--) {
                swap(s, i, rng.nextInt(i + 1));
            }
        }

        int[] used = new int[alphabet];
        int v = first;
        out[from] = v;
        for (int p = from + 1; p < to; p++) {
            v = successors[v][used[v]++];
            out[p] = v;
        }
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }
}
