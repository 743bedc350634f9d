package dev.deeplift.bench.talgata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link TalGataFigure5} run does.
 *
 * @param out       the folder the table, JSON and pictures go to
 * @param sequences how many test sequences to use, from the first; 0 for all 800
 * @param methods   the keys of the methods to run (see {@link Figure5Methods}); empty for all
 * @param seed      the seed of the dinucleotide shuffles of the multi-reference method
 * @param plots     whether to draw the PNGs
 */
public record Figure5Options(Path out, int sequences, List<String> methods, long seed, boolean plots) {
    /** The default folder, relative to the repository root. */
    public static final Path DEFAULT_OUT = Path.of("deeplift-benchmarks", "out", "talgata");
    /** The default seed. */
    public static final long DEFAULT_SEED = 1L;

    /** Checks the values. */
    public Figure5Options {
        Objects.requireNonNull(out, "out");
        methods = List.copyOf(methods);
        if (sequences < 0) {
            throw new IllegalArgumentException("sequences must be ≥ 0 (0 = all), got " + sequences);
        }
    }

    /** The full experiment: all sequences and methods, with pictures, into {@link #DEFAULT_OUT}. */
    public static Figure5Options defaults() {
        return new Figure5Options(DEFAULT_OUT, 0, List.of(), DEFAULT_SEED, true);
    }

    /**
     * Parses {@code --out DIR}, {@code --sequences N}, {@code --methods a,b}, {@code --seed S} and
     * {@code --no-plots} over the defaults.
     */
    public static Figure5Options parse(String... args) {
        Figure5Options o = defaults();
        Path out = o.out();
        int sequences = o.sequences();
        List<String> methods = new ArrayList<>();
        long seed = o.seed();
        boolean plots = true;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--out" -> out = Path.of(value(args, ++i, a));
                case "--sequences" -> sequences = Integer.parseInt(value(args, ++i, a));
                case "--methods" -> methods = List.of(value(args, ++i, a).split(","));
                case "--seed" -> seed = Long.parseLong(value(args, ++i, a));
                case "--no-plots" -> plots = false;
                default -> throw new IllegalArgumentException("Unknown argument " + a + "; expected --out DIR, "
                        + "--sequences N, --methods a,b, --seed S, --no-plots");
            }
        }
        return new Figure5Options(out, sequences, methods, seed, plots);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }
}
