package dev.deeplift.dl4j.attention;

import java.util.Random;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Conversions between INDArray and plain double arrays, random data and comparison, for the tests. */
final class Arrays3 {
    private Arrays3() {
    }

    static double[][][] d3(INDArray a) {
        long[] s = a.shape();
        if (s.length != 3) {
            throw new IllegalArgumentException("rank " + s.length);
        }
        double[][][] out = new double[(int) s[0]][(int) s[1]][(int) s[2]];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                for (int k = 0; k < s[2]; k++) {
                    out[i][j][k] = a.getDouble(i, j, k);
                }
            }
        }
        return out;
    }

    static double[][] d2(INDArray a) {
        long[] s = a.shape();
        if (s.length != 2) {
            throw new IllegalArgumentException("rank " + s.length);
        }
        double[][] out = new double[(int) s[0]][(int) s[1]];
        for (int i = 0; i < s[0]; i++) {
            for (int j = 0; j < s[1]; j++) {
                out[i][j] = a.getDouble(i, j);
            }
        }
        return out;
    }

    static double[] d1(INDArray a) {
        double[] out = new double[(int) a.length()];
        INDArray flat = a.reshape(a.length());
        for (int i = 0; i < out.length; i++) {
            out[i] = flat.getDouble(i);
        }
        return out;
    }

    static INDArray nd(double[][][] a) {
        return Nd4j.create(a).castTo(DataType.DOUBLE);
    }

    static INDArray nd(double[][] a) {
        return Nd4j.create(a).castTo(DataType.DOUBLE);
    }

    static double[][][] random(Random r, int n, int f, int t, double scale) {
        double[][][] out = new double[n][f][t];
        for (double[][] a : out) {
            for (double[] b : a) {
                for (int i = 0; i < b.length; i++) {
                    b[i] = scale * r.nextGaussian();
                }
            }
        }
        return out;
    }

    static double maxAbsDiff(double[][][] a, double[][][] b) {
        if (a.length != b.length || a[0].length != b[0].length || a[0][0].length != b[0][0].length) {
            throw new AssertionError("shape differs: [" + a.length + "," + a[0].length + "," + a[0][0].length + "] vs ["
                    + b.length + "," + b[0].length + "," + b[0][0].length + "]");
        }
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                for (int k = 0; k < a[i][j].length; k++) {
                    double d = Math.abs(a[i][j][k] - b[i][j][k]);
                    if (Double.isNaN(d)) {
                        return Double.NaN;
                    }
                    m = Math.max(m, d);
                }
            }
        }
        return m;
    }

    static double maxAbs(double[][][] a) {
        double m = 0;
        for (double[][] x : a) {
            for (double[] y : x) {
                for (double z : y) {
                    m = Math.max(m, Math.abs(z));
                }
            }
        }
        return m;
    }

    /** [N][T] mask with the last {@code cut[n]} steps of example n set to 0. */
    static double[][] tailMask(int t, int... cut) {
        double[][] m = new double[cut.length][t];
        for (int n = 0; n < cut.length; n++) {
            for (int i = 0; i < t; i++) {
                m[n][i] = i < t - cut[n] ? 1 : 0;
            }
        }
        return m;
    }
}
