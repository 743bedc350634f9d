package dev.deeplift.core.reference;

import dev.deeplift.core.Layout;
import static dev.deeplift.core.ExactArrays.assertSameValues;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The dinucleotide shuffle: exact counts, N handling, seeding, and a uniform draw. */
class DinucleotideShuffleTest {

    @Test
    void everyCopyKeepsAllMonoAndDinucleotideCountsAndTheNPositions() {
        INDArray x = RandomSequences.channelsLast(DataType.FLOAT, 11, 6, 300, 0.03);
        ReferenceSet refs = Reference.dinucleotideShuffled(25, 42L).forInput(x);
        int changed = 0;
        for (int i = 0; i < 6; i++) {
            int[] original = RandomSequences.decode(x, i, Layout.NWC);
            INDArray copies = refs.get(i, 0, 25);
            assertArrayEquals(new long[] {25, 300, 4}, copies.shape());
            for (int k = 0; k < 25; k++) {
                int[] s = RandomSequences.decode(copies, k, Layout.NWC);
                assertArrayEquals(RandomSequences.monoCounts(original), RandomSequences.monoCounts(s));
                // All 16 dinucleotide counts, and the pairs with N.
                assertArrayEquals(RandomSequences.pairCounts(original), RandomSequences.pairCounts(s),
                        "example " + i + ", copy " + k);
                for (int p = 0; p < s.length; p++) {
                    assertEquals(original[p] == OneHotTokens.NONE, s[p] == OneHotTokens.NONE, "N moved at " + p);
                }
                changed += Arrays.equals(original, s) ? 0 : 1;
            }
        }
        assertEquals(150, changed, "every copy of a 300-base sequence should differ from it");
    }

    @Test
    void theSameSeedGivesTheSameCopiesAndAnotherSeedOthers() {
        INDArray x = RandomSequences.channelsLast(DataType.DOUBLE, 5, 3, 120, 0.0);
        INDArray a = Reference.dinucleotideShuffled(10, 7L).forInput(x).get(1, 0, 10);
        INDArray b = Reference.dinucleotideShuffled(10, 7L).forInput(x).get(1, 0, 10);
        INDArray c = Reference.dinucleotideShuffled(10, 8L).forInput(x).get(1, 0, 10);
        assertSameValues(a, b, "same seed");
        assertNotEquals(a, c);
        for (int k = 1; k < 10; k++) {
            assertNotEquals(a.slice(0), a.slice(k), "copies 0 and " + k + " are the same");
        }
    }

    @Test
    void copiesDoNotDependOnChunkingOrOnThePositionInTheBatch() {
        INDArray x = RandomSequences.channelsLast(DataType.FLOAT, 9, 4, 80, 0.05);
        ReferenceSet refs = Reference.dinucleotideShuffled(7, 3L).forInput(x);
        INDArray whole = refs.get(2, 0, 7);
        assertSameValues(whole, Nd4j.concat(0, refs.get(2, 0, 3), refs.get(2, 3, 4), refs.get(2, 4, 7)), "chunks");
        // Example 2 alone, as the only example of another batch.
        INDArray alone = x.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(2, 3)).dup();
        assertSameValues(whole, Reference.dinucleotideShuffled(7, 3L).forInput(alone).get(0, 0, 7), "alone");
    }

    @Test
    void channelsFirstGivesTheTransposeOfChannelsLast() {
        INDArray x = RandomSequences.channelsLast(DataType.FLOAT, 4, 3, 60, 0.05);
        INDArray last = Reference.dinucleotideShuffled(5, 1L).forInput(x).get(1, 0, 5);
        INDArray first = Reference.dinucleotideShuffled(5, 1L, Layout.NCW)
                .forInput(x.permute(0, 2, 1).dup()).get(1, 0, 5);
        assertArrayEquals(new long[] {5, 4, 60}, first.shape());
        assertSameValues(last.permute(0, 2, 1), first, "channels first");
    }

    @Test
    void aSkewedSequenceIsShuffledWithoutRetries() {
        // Long homopolymers with a single exit each: rejection sampling of the last-edge tree would rarely succeed.
        int[] t = new int[3000];
        Arrays.fill(t, 0, 1000, 0);
        Arrays.fill(t, 1000, 2000, 1);
        Arrays.fill(t, 2000, 2999, 2);
        t[2999] = 3;
        for (long seed = 0; seed < 5; seed++) {
            int[] s = DinucleotideShuffle.shuffle(t, 4, new Random(seed));
            assertArrayEquals(RandomSequences.pairCounts(t), RandomSequences.pairCounts(s));
            assertEquals(0, s[0]);
            assertEquals(3, s[2999]);
        }
    }

    @Test
    void shortRunsAndAllNSequencesAreKept() {
        int[] t = {OneHotTokens.NONE, 2, OneHotTokens.NONE, 1, 3, OneHotTokens.NONE, OneHotTokens.NONE};
        assertArrayEquals(t, DinucleotideShuffle.shuffle(t, 4, new Random(1)));
        int[] none = new int[5];
        Arrays.fill(none, OneHotTokens.NONE);
        assertArrayEquals(none, DinucleotideShuffle.shuffle(none, 4, new Random(1)));
    }

    @Test
    void everySequenceWithTheSameCountsIsDrawnEquallyOften() {
        // GCGTCAAGATA: enumerate every arrangement with its first base and all its pair counts (108 of them).
        int[] t = {2, 1, 2, 3, 1, 0, 0, 2, 0, 3, 0};
        Set<String> valid = new HashSet<>();
        permutations(t, 1, valid, t);
        assertEquals(108, valid.size());
        Map<String, Integer> counts = new HashMap<>();
        Random rng = new Random(123);
        int draws = 600 * valid.size();
        for (int d = 0; d < draws; d++) {
            String s = Arrays.toString(DinucleotideShuffle.shuffle(t, 4, rng));
            assertTrue(valid.contains(s), "not a valid arrangement: " + s);
            counts.merge(s, 1, Integer::sum);
        }
        assertEquals(valid.size(), counts.size(), "some arrangements are never drawn");
        // 600 expected per arrangement: a standard deviation of about 24, so ±120 is five of them.
        for (var e : counts.entrySet()) {
            assertTrue(Math.abs(e.getValue() - 600) < 120, e.getKey() + " drawn " + e.getValue() + " times of 600");
        }
    }

    /** Every distinct arrangement of {@code a[from..]} with the pair counts of {@code original}. */
    private static void permutations(int[] a, int from, Set<String> out, int[] original) {
        if (from == a.length) {
            if (Arrays.equals(RandomSequences.pairCounts(a), RandomSequences.pairCounts(original))) {
                out.add(Arrays.toString(a));
            }
            return;
        }
        Set<Integer> tried = new HashSet<>();
        for (int i = from; i < a.length; i++) {
            if (tried.add(a[i])) {
                int[] b = a.clone();
                int tmp = b[from];
                b[from] = b[i];
                b[i] = tmp;
                permutations(b, from + 1, out, original);
            }
        }
    }

    @Test
    void aPositionThatIsNotOneHotIsNamed() {
        INDArray x = RandomSequences.channelsLast(DataType.FLOAT, 1, 2, 10, 0.0);
        x.putScalar(new long[] {1, 6, 0}, 0.5);
        var e = assertThrows(IllegalArgumentException.class, () -> Reference.dinucleotideShuffled(3, 1L).forInput(x));
        assertTrue(e.getMessage().contains("example 1, position 6"), e.getMessage());
        INDArray two = RandomSequences.channelsLast(DataType.FLOAT, 1, 1, 10, 0.0);
        two.putScalar(new long[] {0, 3, 0}, 1.0);
        two.putScalar(new long[] {0, 3, 1}, 1.0);
        assertThrows(IllegalArgumentException.class, () -> Reference.dinucleotideShuffled(3, 1L).forInput(two));
        assertThrows(IllegalArgumentException.class,
                () -> Reference.dinucleotideShuffled(3, 1L).forInput(Nd4j.zeros(DataType.FLOAT, 2, 40)));
        assertThrows(IllegalArgumentException.class, () -> Reference.dinucleotideShuffled(0, 1L));
        assertFalse(Reference.dinucleotideShuffled(3, 1L).forInput(x.slice(0).reshape(1, 10, 4).dup()).shared());
    }
}
