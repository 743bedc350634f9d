package dev.deeplift.dl4j.recurrent;

/**
 * DL4J's LSTM and GravesLSTM forward pass (one direction) in plain double Java: the test oracle. Parameters as DL4J
 * stores them: {@code w = "W" [nIn][4H]}, {@code rw = "RW" [H][4H]} ({@code [H][4H+3]} with GravesLSTM's peepholes
 * {@code wFF, wOO, wGG} in the last three columns), {@code b = "b" [4H]}; column blocks: cell input (layer
 * activation), forget, output, input gate. Step: {@code z = x W + h RW + b}, {@code a = act(z0)},
 * {@code f = gate(z1 + wFF c)}, {@code i = gate(z3 + wGG c)}, {@code c' = f c + i a}, {@code o = gate(z2 + wOO c')},
 * {@code h' = o act(c')}; with a mask, {@code h'} and {@code c'} are multiplied by it (reset). Sequences are
 * {@code x[n][t][c]}, masks {@code [n][t]}.
 */
final class HandLstm {
    final double[][] w;
    final double[][] rw;
    final double[] b;
    final Act act;
    final Act gate;
    final boolean peephole;
    final int units;

    HandLstm(double[][] w, double[][] rw, double[] b, Act act, Act gate, boolean peephole) {
        this.w = w;
        this.rw = rw;
        this.b = b;
        this.act = act;
        this.gate = gate;
        this.peephole = peephole;
        this.units = rw.length;
    }

    /** Keras weights (blocks i, f, c, o) in DL4J's order (c, f, o, i), as DL4J's Keras import maps them. */
    static HandLstm fromKeras(double[][] kernel, double[][] recurrentKernel, double[] bias, Act act, Act gate) {
        int h = recurrentKernel.length;
        int[] kerasBlock = {2, 1, 3, 0};
        double[][] w = new double[kernel.length][4 * h];
        double[][] rw = new double[h][4 * h];
        double[] b = new double[4 * h];
        for (int k = 0; k < 4; k++) {
            for (int j = 0; j < h; j++) {
                int src = kerasBlock[k] * h + j;
                int dst = k * h + j;
                for (int i = 0; i < kernel.length; i++) {
                    w[i][dst] = kernel[i][src];
                }
                for (int i = 0; i < h; i++) {
                    rw[i][dst] = recurrentKernel[i][src];
                }
                b[dst] = bias[src];
            }
        }
        return new HandLstm(w, rw, b, act, gate, false);
    }

    double[][][] forward(double[][][] x, double[][] mask) {
        return run(x, mask, false);
    }

    /** Reads and writes step t for t = 0..T-1, or T-1..0 if {@code backwards}. */
    double[][][] run(double[][][] x, double[][] mask, boolean backwards) {
        int n = x.length;
        int steps = x[0].length;
        int h = units;
        double[][][] out = new double[n][steps][h];
        for (int ex = 0; ex < n; ex++) {
            double[] hPrev = new double[h];
            double[] cPrev = new double[h];
            for (int k = 0; k < steps; k++) {
                int t = backwards ? steps - 1 - k : k;
                double[] z = new double[4 * h];
                for (int j = 0; j < 4 * h; j++) {
                    double s = 0;
                    for (int i = 0; i < w.length; i++) {
                        s += x[ex][t][i] * w[i][j];
                    }
                    for (int i = 0; i < h; i++) {
                        s += hPrev[i] * rw[i][j];
                    }
                    z[j] = s + b[j];
                }
                double[] c = new double[h];
                double[] hNew = new double[h];
                for (int j = 0; j < h; j++) {
                    double a = act.apply(z[j]);
                    double f = gate.apply(z[h + j] + (peephole ? cPrev[j] * rw[j][4 * h] : 0.0));
                    double i = gate.apply(z[3 * h + j] + (peephole ? cPrev[j] * rw[j][4 * h + 2] : 0.0));
                    c[j] = f * cPrev[j] + i * a;
                    double o = gate.apply(z[2 * h + j] + (peephole ? c[j] * rw[j][4 * h + 1] : 0.0));
                    hNew[j] = o * act.apply(c[j]);
                }
                if (mask != null) {
                    for (int j = 0; j < h; j++) {
                        hNew[j] *= mask[ex][t];
                        c[j] *= mask[ex][t];
                    }
                }
                hPrev = hNew;
                cPrev = c;
                out[ex][t] = hNew.clone();
            }
        }
        return out;
    }
}
