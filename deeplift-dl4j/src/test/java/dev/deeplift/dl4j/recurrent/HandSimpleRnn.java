package dev.deeplift.dl4j.recurrent;

/**
 * DL4J's SimpleRnn forward pass in plain double Java: {@code h(t) = act(x(t) W + h(t-1) RW + b)}, {@code h(-1) = 0};
 * with a mask {@code h(t)} is multiplied by it and that is the next step's state (reset).
 */
final class HandSimpleRnn {
    final double[][] w;
    final double[][] rw;
    final double[] b;
    final Act act;

    HandSimpleRnn(double[][] w, double[][] rw, double[] b, Act act) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.act = act;
    }

    double[][][] forward(double[][][] x, double[][] mask) {
        return run(x, mask, false);
    }

    double[][][] run(double[][][] x, double[][] mask, boolean backwards) {
        int n = x.length;
        int steps = x[0].length;
        int h = rw.length;
        double[][][] out = new double[n][steps][h];
        for (int ex = 0; ex < n; ex++) {
            double[] hPrev = new double[h];
            for (int k = 0; k < steps; k++) {
                int t = backwards ? steps - 1 - k : k;
                double[] hNew = new double[h];
                for (int j = 0; j < h; j++) {
                    double s = 0;
                    for (int i = 0; i < w.length; i++) {
                        s += x[ex][t][i] * w[i][j];
                    }
                    for (int i = 0; i < h; i++) {
                        s += hPrev[i] * rw[i][j];
                    }
                    hNew[j] = act.apply(s + b[j]) * (mask == null ? 1.0 : mask[ex][t]);
                }
                hPrev = hNew;
                out[ex][t] = hNew.clone();
            }
        }
        return out;
    }
}
