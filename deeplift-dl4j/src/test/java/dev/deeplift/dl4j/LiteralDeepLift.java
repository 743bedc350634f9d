package dev.deeplift.dl4j;

import dev.deeplift.core.Rule;
import java.util.function.DoubleUnaryOperator;

/**
 * A slow, literal re-implementation of DeepLIFT's Rescale and RevealCancel rules for dense networks, in plain loops
 * over doubles, straight from the paper (Shrikumar et al. 2017, sections 3.5.1–3.5.3), for cross-checking the engine.
 * It shares no code with the library.
 *
 * <p>Conventions the library documents and this follows: targets are pre-activations; biases carry no contribution;
 * under RevealCancel the terms {@code w_jk·Δa_j} of a unit are positive or negative by their sign, and backward an
 * input whose delta is zero takes the mean of the positive and negative multipliers; a ratio whose divisor is tiny
 * relative to its own example's magnitudes falls back to the derivative at the midpoint.
 */
final class LiteralDeepLift {
    private static final double EPSILON = 1e-10;

    /** An elementwise activation with its derivative. */
    record Activation(String name, DoubleUnaryOperator f, DoubleUnaryOperator df) {
        static final Activation RELU = new Activation("relu", z -> Math.max(z, 0), z -> z > 0 ? 1 : 0);
        static final Activation TANH = new Activation("tanh", Math::tanh, z -> 1 - Math.tanh(z) * Math.tanh(z));
        static final Activation SIGMOID = new Activation("sigmoid", z -> 1 / (1 + Math.exp(-z)),
                z -> Math.exp(-z) / ((1 + Math.exp(-z)) * (1 + Math.exp(-z))));
        static final Activation IDENTITY = new Activation("identity", z -> z, z -> 1);
    }

    private final double[][][] weights; // [layer][in][out]
    private final double[][] biases;    // [layer][out]
    private final Activation[] activations; // per hidden layer (the last layer is scored before its activation)
    private final Rule[] rules;             // per hidden layer

    LiteralDeepLift(double[][][] weights, double[][] biases, Activation[] activations, Rule[] rules) {
        this.weights = weights;
        this.biases = biases;
        this.activations = activations;
        this.rules = rules;
    }

    /** Scores of one example against one reference for a target unit of the last layer's pre-activation. */
    double[] scores(double[] x, double[] ref, int target) {
        int layers = weights.length;
        double[][] a = new double[layers][];
        double[][] aRef = new double[layers][];
        double[][] z = new double[layers][];
        double[][] zRef = new double[layers][];
        double[][] plus = new double[layers][];  // Δz+: the sum of the positive terms w_jk·Δa_j
        double[][] minus = new double[layers][];
        double[] in = x;
        double[] inRef = ref;
        for (int l = 0; l < layers; l++) {
            int nOut = biases[l].length;
            z[l] = new double[nOut];
            zRef[l] = new double[nOut];
            plus[l] = new double[nOut];
            minus[l] = new double[nOut];
            for (int k = 0; k < nOut; k++) {
                double s = biases[l][k];
                double sRef = biases[l][k];
                for (int j = 0; j < in.length; j++) {
                    s += weights[l][j][k] * in[j];
                    sRef += weights[l][j][k] * inRef[j];
                    double term = weights[l][j][k] * (in[j] - inRef[j]);
                    if (term > 0) {
                        plus[l][k] += term;
                    } else {
                        minus[l][k] += term;
                    }
                }
                z[l][k] = s;
                zRef[l][k] = sRef;
            }
            if (l < layers - 1) {
                a[l] = new double[nOut];
                aRef[l] = new double[nOut];
                for (int k = 0; k < nOut; k++) {
                    a[l][k] = activations[l].f().applyAsDouble(z[l][k]);
                    aRef[l][k] = activations[l].f().applyAsDouble(zRef[l][k]);
                }
                in = a[l];
                inRef = aRef[l];
            }
        }
        // Backward: multipliers on the pre-activations (m+ and m− for RevealCancel), then through the weights.
        double[] mPlus = new double[biases[layers - 1].length];
        mPlus[target] = 1.0;
        double[] mMinus = mPlus.clone();
        for (int l = layers - 1; l >= 0; l--) {
            double[] below = l == 0 ? x : a[l - 1];
            double[] belowRef = l == 0 ? ref : aRef[l - 1];
            double[] mIn = new double[below.length];
            for (int j = 0; j < below.length; j++) {
                double d = below[j] - belowRef[j];
                for (int k = 0; k < mPlus.length; k++) {
                    double w = weights[l][j][k];
                    double term = w * d;
                    double m = term > 0 ? mPlus[k] : term < 0 ? mMinus[k] : 0.5 * (mPlus[k] + mMinus[k]);
                    mIn[j] += w * m;
                }
            }
            if (l == 0) {
                double[] s = new double[x.length];
                for (int j = 0; j < x.length; j++) {
                    s[j] = mIn[j] * (x[j] - ref[j]);
                }
                return s;
            }
            // Cross the activation of layer l − 1: y = f(z).
            int h = l - 1;
            Activation f = activations[h];
            double[] newPlus = new double[mIn.length];
            double[] newMinus = new double[mIn.length];
            double scale = 0;
            double scalePlus = 0;
            double scaleMinus = 0;
            double scaleRef = 0;
            for (int k = 0; k < mIn.length; k++) {
                scale = Math.max(scale, Math.abs(z[h][k]));
                scaleRef = Math.max(scaleRef, Math.abs(zRef[h][k]));
                scalePlus = Math.max(scalePlus, Math.abs(plus[h][k]));
                scaleMinus = Math.max(scaleMinus, Math.abs(minus[h][k]));
            }
            for (int k = 0; k < mIn.length; k++) {
                double z0 = zRef[h][k];
                double dz = z[h][k] - z0;
                if (rules[h] == Rule.RESCALE) {
                    double dy = a[h][k] - aRef[h][k];
                    double ratio = Math.abs(dz) <= EPSILON * (scale + scaleRef)
                            ? f.df().applyAsDouble(0.5 * (z[h][k] + z0)) : dy / dz;
                    newPlus[k] = ratio * mIn[k];
                    newMinus[k] = newPlus[k];
                } else {
                    double dp = plus[h][k];
                    double dm = minus[h][k];
                    double fz0 = f.f().applyAsDouble(z0);
                    double fp = f.f().applyAsDouble(z0 + dp);
                    double fm = f.f().applyAsDouble(z0 + dm);
                    double fpm = a[h][k];
                    double dyPlus = 0.5 * (fp - fz0) + 0.5 * (fpm - fm);
                    double dyMinus = 0.5 * (fm - fz0) + 0.5 * (fpm - fp);
                    double threshold = EPSILON * (scalePlus + scaleMinus + scaleRef);
                    double mp = Math.abs(dp) <= threshold ? f.df().applyAsDouble(z0 + 0.5 * dp) : dyPlus / dp;
                    double mm = Math.abs(dm) <= threshold ? f.df().applyAsDouble(z0 + 0.5 * dm) : dyMinus / dm;
                    newPlus[k] = mp * mIn[k];
                    newMinus[k] = mm * mIn[k];
                }
            }
            mPlus = newPlus;
            mMinus = newMinus;
        }
        throw new IllegalStateException("unreachable");
    }
}
