package dev.deeplift.keras;

import java.util.function.DoubleUnaryOperator;
import java.util.function.UnaryOperator;

/**
 * Keras' recurrent layers written out from Keras' own definitions, in plain double Java (no DL4J, no ND4J): the
 * oracle the imported networks are checked against. Sequences are {@code [n][steps][features]}, weights in Keras'
 * layout ({@code kernel [in][g·units]}, {@code recurrent_kernel [units][g·units]}, {@code bias [g·units]}).
 */
final class KerasHandRecurrent {
    private KerasHandRecurrent() {
    }

    /** Keras activations by name. */
    static DoubleUnaryOperator activation(String name) {
        return switch (name) {
            case "tanh" -> Math::tanh;
            case "relu" -> z -> Math.max(0, z);
            case "sigmoid" -> z -> 1 / (1 + Math.exp(-z));
            case "linear" -> z -> z;
            default -> throw new IllegalArgumentException(name);
        };
    }

    /** {@code z = x·kernel + h·recurrent + bias} for one example and step. */
    private static double[] preActivation(double[] x, double[] h, double[][] k, double[][] u, double[] b) {
        double[] z = b.clone();
        for (int j = 0; j < z.length; j++) {
            for (int i = 0; i < x.length; i++) {
                z[j] += x[i] * k[i][j];
            }
            for (int i = 0; i < h.length; i++) {
                z[j] += h[i] * u[i][j];
            }
        }
        return z;
    }

    /** Keras {@code SimpleRNN}: {@code h(t) = act(x(t)·kernel + h(t−1)·recurrent_kernel + bias)}, h(−1) = 0. */
    static double[][][] simpleRnn(double[][][] x, double[][] k, double[][] u, double[] b, String activation) {
        DoubleUnaryOperator act = activation(activation);
        int units = u.length;
        double[][][] out = new double[x.length][x[0].length][];
        for (int n = 0; n < x.length; n++) {
            double[] h = new double[units];
            for (int t = 0; t < x[0].length; t++) {
                double[] z = preActivation(x[n][t], h, k, u, b);
                for (int j = 0; j < units; j++) {
                    z[j] = act.applyAsDouble(z[j]);
                }
                h = z;
                out[n][t] = h;
            }
        }
        return out;
    }

    /**
     * Keras {@code LSTM} (activation tanh, recurrent activation sigmoid): the blocks of the kernels and the bias are
     * the input gate i, forget gate f, candidate c̃, output gate o; {@code c(t) = f·c(t−1) + i·tanh(z_c)},
     * {@code h(t) = o·tanh(c(t))}, h(−1) = c(−1) = 0.
     */
    static double[][][] lstm(double[][][] x, double[][] k, double[][] u, double[] b) {
        DoubleUnaryOperator sigmoid = activation("sigmoid");
        int units = u.length;
        double[][][] out = new double[x.length][x[0].length][];
        for (int n = 0; n < x.length; n++) {
            double[] h = new double[units];
            double[] c = new double[units];
            for (int t = 0; t < x[0].length; t++) {
                double[] z = preActivation(x[n][t], h, k, u, b);
                double[] hNew = new double[units];
                for (int j = 0; j < units; j++) {
                    double i = sigmoid.applyAsDouble(z[j]);
                    double f = sigmoid.applyAsDouble(z[units + j]);
                    double g = Math.tanh(z[2 * units + j]);
                    double o = sigmoid.applyAsDouble(z[3 * units + j]);
                    c[j] = f * c[j] + i * g;
                    hNew[j] = o * Math.tanh(c[j]);
                }
                h = hNew;
                out[n][t] = h;
            }
        }
        return out;
    }

    /** The sequences with the time axis reversed. */
    static double[][][] reversed(double[][][] x) {
        double[][][] r = new double[x.length][x[0].length][];
        for (int n = 0; n < x.length; n++) {
            for (int t = 0; t < x[0].length; t++) {
                r[n][t] = x[n][x[0].length - 1 - t];
            }
        }
        return r;
    }

    /** The last step of each sequence. */
    static double[][] last(double[][][] h) {
        double[][] r = new double[h.length][];
        for (int n = 0; n < h.length; n++) {
            r[n] = h[n][h[0].length - 1];
        }
        return r;
    }

    /** Keras' merge of the two directions: concat {@code [f, b]}, sum, mul, ave. */
    static double[] merge(double[] f, double[] b, String mode) {
        if ("concat".equals(mode)) {
            double[] r = new double[f.length + b.length];
            System.arraycopy(f, 0, r, 0, f.length);
            System.arraycopy(b, 0, r, f.length, b.length);
            return r;
        }
        double[] r = new double[f.length];
        for (int j = 0; j < f.length; j++) {
            r[j] = switch (mode) {
                case "sum" -> f[j] + b[j];
                case "mul" -> f[j] * b[j];
                case "ave" -> (f[j] + b[j]) / 2;
                default -> throw new IllegalArgumentException(mode);
            };
        }
        return r;
    }

    /**
     * Keras {@code Bidirectional(layer, merge_mode)} with {@code return_sequences=True}: the backward copy reads the
     * sequence from its end, its outputs are put back in time order, then merged with the forward layer's step by
     * step.
     */
    static double[][][] bidirectionalSequences(double[][][] x, UnaryOperator<double[][][]> forward,
                                               UnaryOperator<double[][][]> backward, String mode) {
        double[][][] f = forward.apply(x);
        double[][][] b = reversed(backward.apply(reversed(x)));
        double[][][] out = new double[x.length][x[0].length][];
        for (int n = 0; n < x.length; n++) {
            for (int t = 0; t < x[0].length; t++) {
                out[n][t] = merge(f[n][t], b[n][t], mode);
            }
        }
        return out;
    }

    /**
     * Keras {@code Bidirectional(layer, merge_mode)} with {@code return_sequences=False}: the forward layer's output
     * after the last step merged with the backward copy's final output, the one after reading step 0.
     */
    static double[][] bidirectionalLast(double[][][] x, UnaryOperator<double[][][]> forward,
                                        UnaryOperator<double[][][]> backward, String mode) {
        double[][] f = last(forward.apply(x));
        double[][] b = last(backward.apply(reversed(x)));
        double[][] out = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            out[n] = merge(f[n], b[n], mode);
        }
        return out;
    }

    /** Keras {@code Dense} with a linear activation. */
    static double[][] dense(double[][] x, double[][] k, double[] b) {
        double[][] out = new double[x.length][];
        for (int n = 0; n < x.length; n++) {
            out[n] = preActivation(x[n], new double[0], k, new double[0][], b);
        }
        return out;
    }
}
