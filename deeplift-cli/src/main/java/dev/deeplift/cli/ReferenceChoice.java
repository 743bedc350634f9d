package dev.deeplift.cli;

import java.nio.file.Path;

/**
 * The values of {@code --reference}: what the explanation is relative to.
 *
 * <ul>
 *   <li>{@code zeros}: an all-zero input;</li>
 *   <li>{@code mean}: the mean of the inputs being explained;</li>
 *   <li>{@code file:PATH}: an {@code .npy} or {@code .csv} array, {@code [1, ...]} shared by every example or
 *       {@code [N, ...]} one per example;</li>
 *   <li>{@code shuffled-dna:N}: N dinucleotide-shuffled copies of each one-hot sequence, averaged over with
 *       DeepSHAP.</li>
 * </ul>
 */
sealed interface ReferenceChoice {

    /** An all-zero reference. */
    record Zeros() implements ReferenceChoice {
        @Override
        public String toString() {
            return "zeros";
        }
    }

    /** The mean of the inputs. */
    record Mean() implements ReferenceChoice {
        @Override
        public String toString() {
            return "mean";
        }
    }

    /** An array read from a file. */
    record FromFile(Path file) implements ReferenceChoice {
        @Override
        public String toString() {
            return "file:" + file;
        }
    }

    /** {@code count} dinucleotide-shuffled copies of each sequence. */
    record ShuffledDna(int count) implements ReferenceChoice {
        @Override
        public String toString() {
            return "shuffled-dna:" + count;
        }
    }

    /** Parses {@code --reference}'s value. */
    static ReferenceChoice parse(String value) {
        if (value.equals("zeros")) {
            return new Zeros();
        }
        if (value.equals("mean")) {
            return new Mean();
        }
        if (value.startsWith("file:") && value.length() > "file:".length()) {
            return new FromFile(Path.of(value.substring("file:".length())));
        }
        if (value.startsWith("shuffled-dna:")) {
            String n = value.substring("shuffled-dna:".length());
            try {
                int count = Integer.parseInt(n);
                if (count >= 1) {
                    return new ShuffledDna(count);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
            throw CliException.usage("--reference shuffled-dna:N needs a count N >= 1; got '" + n + "'");
        }
        throw CliException.usage("--reference must be zeros, mean, file:PATH or shuffled-dna:N; got '" + value + "'");
    }
}
