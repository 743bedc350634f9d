package dev.deeplift.cli;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * The summation-to-delta check of every (example, target), written as CSV {@code example,target,delta,sum,error}:
 * {@code delta} is the target's difference between input and reference, {@code sum} the sum of the example's
 * scores and {@code error} {@code |sum − delta|}. Sums and errors are computed in double precision, so that the
 * columns agree with each other and show the scores' own error rather than the rounding of a float sum. Rows go
 * example by example, and within an example target file by target file.
 */
final class SummationCsv {
    /** The header row. */
    static final String HEADER = "example,target,delta,sum,error";

    private final List<TargetScores> results;
    private final double[][] deltas;
    private final double[][] sums;

    SummationCsv(List<TargetScores> results) {
        this.results = results;
        this.deltas = new double[results.size()][];
        this.sums = new double[results.size()][];
        for (int k = 0; k < results.size(); k++) {
            TargetScores r = results.get(k);
            int n = r.targets().length;
            deltas[k] = r.deltas().castTo(DataType.DOUBLE).toDoubleVector();
            sums[k] = r.scores().castTo(DataType.DOUBLE).reshape(n, -1).sum(1).toDoubleVector();
        }
    }

    void write(Path file) throws IOException {
        int n = deltas[0].length;
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER);
            out.newLine();
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < results.size(); k++) {
                    out.write(i + "," + results.get(k).targets()[i] + "," + deltas[k][i] + "," + sums[k][i] + ","
                            + Math.abs(sums[k][i] - deltas[k][i]));
                    out.newLine();
                }
            }
        }
    }

    /** The largest error of any row. */
    double maxError() {
        double max = 0;
        for (int k = 0; k < sums.length; k++) {
            for (int i = 0; i < sums[k].length; i++) {
                max = Math.max(max, Math.abs(sums[k][i] - deltas[k][i]));
            }
        }
        return max;
    }
}
