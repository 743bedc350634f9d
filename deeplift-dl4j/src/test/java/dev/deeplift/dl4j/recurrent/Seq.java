package dev.deeplift.dl4j.recurrent;

import java.util.function.BiFunction;
import org.deeplearning4j.nn.conf.RNNFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Plain-Java helpers of the test oracles: sequences {@code x[n][t][c]} independent of NCW/NWC, masks {@code [n][t]},
 * and DL4J's sequence operations (reversal, last step, merges, dense per step, pooling over time).
 */
final class Seq {
    private Seq() {
    }

    /** Bidirectional merge modes. */
    enum Mode { CONCAT, ADD, MUL, AVERAGE }

    static INDArray toArray(double[][][] x, RNNFormat f) {
        int n = x.length;
        int t = x[0].length;
        int c = x[0][0].length;
        INDArray a = f == RNNFormat.NCW ? Nd4j.create(DataType.DOUBLE, n, c, t) : Nd4j.create(DataType.DOUBLE, n, t, c);
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < c; j++) {
                    a.putScalar(f == RNNFormat.NCW ? new long[] {i, j, s} : new long[] {i, s, j}, x[i][s][j]);
                }
            }
        }
        return a;
    }

    static double[][][] fromArray(INDArray a, RNNFormat f) {
        int n = (int) a.size(0);
        int t = (int) (f == RNNFormat.NCW ? a.size(2) : a.size(1));
        int c = (int) (f == RNNFormat.NCW ? a.size(1) : a.size(2));
        double[][][] x = new double[n][t][c];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < t; s++) {
                for (int j = 0; j < c; j++) {
                    x[i][s][j] = f == RNNFormat.NCW ? a.getDouble(i, j, s) : a.getDouble(i, s, j);
                }
            }
        }
        return x;
    }

    static double[][][] reverseTime(double[][][] x) {
        int t = x[0].length;
        double[][][] r = new double[x.length][t][];
        for (int i = 0; i < x.length; i++) {
            for (int s = 0; s < t; s++) {
                r[i][s] = x[i][t - 1 - s].clone();
            }
        }
        return r;
    }

    static double[][] reverseTime(double[][] mask) {
        if (mask == null) {
            return null;
        }
        int t = mask[0].length;
        double[][] r = new double[mask.length][t];
        for (int i = 0; i < mask.length; i++) {
            for (int s = 0; s < t; s++) {
                r[i][s] = mask[i][t - 1 - s];
            }
        }
        return r;
    }

    /** Each example's last step whose mask is not 0 (the last step without a mask). */
    static double[][] lastStep(double[][][] x, double[][] mask) {
        double[][] out = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            int idx = x[i].length - 1;
            while (mask != null && mask[i][idx] == 0.0) {
                idx--;
            }
            out[i] = x[i][idx].clone();
        }
        return out;
    }

    /** DL4J's Bidirectional: the backward layer reads the reversed input and mask; its output is reversed back. */
    static double[][][] bidirectional(double[][][] x, double[][] mask,
                                      BiFunction<double[][][], double[][], double[][][]> fwd,
                                      BiFunction<double[][][], double[][], double[][][]> bwd, Mode mode) {
        double[][][] f = fwd.apply(x, mask);
        double[][][] b = reverseTime(bwd.apply(reverseTime(x), reverseTime(mask)));
        return merge(f, b, mode);
    }

    static double[][][] merge(double[][][] f, double[][][] b, Mode mode) {
        int h = f[0][0].length;
        double[][][] out = new double[f.length][f[0].length][mode == Mode.CONCAT ? 2 * h : h];
        for (int i = 0; i < f.length; i++) {
            for (int s = 0; s < f[0].length; s++) {
                for (int j = 0; j < h; j++) {
                    double a = f[i][s][j];
                    double c = b[i][s][j];
                    switch (mode) {
                        case CONCAT -> {
                            out[i][s][j] = a;
                            out[i][s][h + j] = c;
                        }
                        case ADD -> out[i][s][j] = a + c;
                        case MUL -> out[i][s][j] = a * c;
                        case AVERAGE -> out[i][s][j] = (a + c) * 0.5;
                    }
                }
            }
        }
        return out;
    }

    /** {@code act(x(t) W + b)} at every step, times the step's mask if given. */
    static double[][][] dense(double[][][] x, double[][] w, double[] b, Act act, double[][] mask) {
        double[][][] out = new double[x.length][x[0].length][w[0].length];
        for (int i = 0; i < x.length; i++) {
            for (int s = 0; s < x[0].length; s++) {
                for (int j = 0; j < w[0].length; j++) {
                    double z = b == null ? 0 : b[j];
                    for (int k = 0; k < w.length; k++) {
                        z += x[i][s][k] * w[k][j];
                    }
                    out[i][s][j] = act.apply(z) * (mask == null ? 1.0 : mask[i][s]);
                }
            }
        }
        return out;
    }

    /** DL4J's masked global pooling over time: MAX over real steps, SUM and AVG of m·x, PNORM (Σ|m·x|^p)^(1/p). */
    static double[][] pool(double[][][] x, double[][] mask, String type, int p) {
        double[][] out = new double[x.length][x[0][0].length];
        for (int i = 0; i < x.length; i++) {
            double count = 0;
            for (int s = 0; s < x[0].length; s++) {
                count += mask == null ? 1.0 : mask[i][s];
            }
            for (int j = 0; j < x[0][0].length; j++) {
                double acc = type.equals("MAX") ? Double.NEGATIVE_INFINITY : 0.0;
                for (int s = 0; s < x[0].length; s++) {
                    double m = mask == null ? 1.0 : mask[i][s];
                    double v = x[i][s][j];
                    switch (type) {
                        case "MAX" -> acc = m != 0.0 ? Math.max(acc, v) : acc;
                        case "PNORM" -> acc += Math.pow(Math.abs(v * m), p);
                        default -> acc += v * m;
                    }
                }
                out[i][j] = type.equals("AVG") ? acc / count : type.equals("PNORM") ? Math.pow(acc, 1.0 / p) : acc;
            }
        }
        return out;
    }

    static double[][] mat(INDArray a) {
        return a.castTo(DataType.DOUBLE).toDoubleMatrix();
    }

    static double[] vec(INDArray a) {
        return a.castTo(DataType.DOUBLE).dup().ravel().toDoubleVector();
    }

    static double maxDiff(double[][][] a, double[][][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int s = 0; s < a[i].length; s++) {
                for (int j = 0; j < a[i][s].length; j++) {
                    m = Math.max(m, Math.abs(a[i][s][j] - b[i][s][j]));
                }
            }
        }
        return m;
    }

    static double maxDiff(double[][] a, double[][] b) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                m = Math.max(m, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return m;
    }
}
