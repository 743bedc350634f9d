package dev.deeplift.core.reference;

import dev.deeplift.core.engine.Validator;
import dev.deeplift.core.Layout;
import java.util.Arrays;
import java.util.Objects;
import java.util.Random;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Dinucleotide-shuffled copies of each one-hot sequence: {@link Reference#dinucleotideShuffled}. Copies are made
 * when asked for, each from its own random stream seeded by (seed, copy index, sequence content).
 */
final class DinucleotideShuffleReference implements Reference {
    private static final String WHO = "Reference.dinucleotideShuffled";

    private final int count;
    private final long seed;
    private final Layout layout;

    DinucleotideShuffleReference(int count, long seed, Layout layout) {
        if (count < 1) {
            throw new IllegalArgumentException(WHO + ": count must be at least 1, got " + count);
        }
        this.count = count;
        this.seed = seed;
        this.layout = Objects.requireNonNull(layout, "layout");
        if (layout != Layout.NWC && layout != Layout.NCW) {
            throw new IllegalArgumentException("Reference.dinucleotideShuffled: the layout must be a sequence batch, "
                    + "NWC or NCW; got " + layout + " " + layout.describe());
        }
    }

    @Override
    public ReferenceSet forInput(INDArray input) {
        Validator.shapeOfBatch(input, "The input");
        if (input.rank() != 3) {
            throw new IllegalArgumentException(WHO + ": the input has shape " + Arrays.toString(input.shape())
                    + "; one-hot sequences " + (layout == Layout.NWC ? "[N, L, K]" : "[N, K, L]")
                    + " are required (layout " + layout + ")");
        }
        long n = input.size(0);
        int alphabet = Math.toIntExact(input.size(layout.channelAxis()));
        // Checked up front, so a malformed sequence fails before any work rather than in the middle of it.
        for (long i = 0; i < n; i++) {
            OneHotTokens.decode(input, i, layout, WHO);
        }
        return new ReferenceSet() {
            @Override
            public long examples() {
                return n;
            }

            @Override
            public int perExample() {
                return count;
            }

            @Override
            public boolean shared() {
                return false;
            }

            @Override
            public INDArray get(long example, int from, int to) {
                Validator.referenceRange(examples(), perExample(), example, from, to);
                int[] tokens = OneHotTokens.decode(input, example, layout, WHO);
                long content = contentHash(tokens);
                int size = tokens.length * alphabet;
                double[] data = new double[(to - from) * size];
                for (int k = from; k < to; k++) {
                    int[] shuffled = DinucleotideShuffle.shuffle(tokens, alphabet, new Random(streamSeed(k, content)));
                    OneHotTokens.encode(shuffled, alphabet, layout, data, (k - from) * size);
                }
                long[] shape = input.shape().clone();
                shape[0] = to - from;
                return Nd4j.create(data, shape, 'c').castTo(input.dataType());
            }
        };
    }

    /** The seed of copy {@code k} of a sequence: SplitMix64's finaliser over the three inputs. */
    private long streamSeed(int k, long content) {
        long z = seed + 0x9E3779B97F4A7C15L * (k + 1L) + 0xC2B2AE3D27D4EB4FL * content;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A 64-bit FNV-1a hash of the tokens. */
    private static long contentHash(int[] tokens) {
        long h = 0xCBF29CE484222325L;
        for (int t : tokens) {
            h = (h ^ (t + 1)) * 0x100000001B3L;
        }
        return h;
    }

    @Override
    public String toString() {
        return WHO + "(" + count + ", seed " + seed + ", " + layout + ")";
    }
}
