package dev.deeplift.core.functions;

import dev.deeplift.core.kernels.SmallRelu;
import java.util.Optional;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationCube;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardSigmoid;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationRReLU;
import org.nd4j.linalg.activations.impl.ActivationRationalTanh;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationReLU6;
import org.nd4j.linalg.activations.impl.ActivationRectifiedTanh;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSoftSign;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.activations.impl.ActivationThresholdedReLU;

/**
 * The one table of ND4J activations known to be elementwise, so that a nonlinear rule applies to them.
 * Softmax, PReLU (which has parameters) and unknown activations are not in it: callers turn the empty result into
 * an error naming the layer.
 */
public final class ElementwiseFunctions {
    private ElementwiseFunctions() {
    }

    /** The identity function. */
    public static ElementwiseFunction identity() {
        return Identity.INSTANCE;
    }

    private static final ElementwiseFunction RELU = new LambdaFunction("relu",
            ElementwiseFunctions::relu, z -> step(z, 0.0));

    /** {@code max(z, 0)} with {@code relu'(0) = 0}, so a zero pre-activation passes nothing back. */
    public static ElementwiseFunction relu() {
        return RELU;
    }

    private static final ElementwiseFunction EXP = new LambdaFunction("exp", z -> Transforms.exp(z, true),
            z -> Transforms.exp(z, true));

    /** {@code exp(z)}: the numerators of softmax. */
    public static ElementwiseFunction exp() {
        return EXP;
    }

    private static final ElementwiseFunction RECIPROCAL = new LambdaFunction("reciprocal", z -> z.rdiv(1.0),
            z -> z.mul(z).rdivi(-1.0));

    /** {@code 1/z}, with derivative {@code −1/z²}: the normaliser of softmax. */
    public static ElementwiseFunction reciprocal() {
        return RECIPROCAL;
    }

    /**
     * PReLU, {@code z} above 0 and {@code α·z} below, with a learned {@code α} per feature.
     *
     * @param alpha the slopes, one example's shape (size 1 along shared axes), read at every call
     */
    public static ElementwiseFunction prelu(INDArray alpha) {
        return new LambdaFunction("prelu", z -> Transforms.min(z, 0.0, true).muli(batchOf(alpha, z))
                .addi(Transforms.relu(z, true)), z -> {
                    INDArray pos = step(z, 0.0);
                    return pos.rsub(1.0).muli(batchOf(alpha, z)).addi(pos);
                });
    }

    private static INDArray batchOf(INDArray alpha, INDArray z) {
        long[] shape = new long[alpha.rank() + 1];
        shape[0] = 1;
        System.arraycopy(alpha.shape(), 0, shape, 1, alpha.rank());
        return alpha.reshape(shape).broadcast(z.shape());
    }

    /** ND4J's {@code relu}, or its bits in Java on a small FLOAT array. */
    private static INDArray relu(INDArray z) {
        INDArray small = SmallRelu.of(z);
        return small != null ? small : Transforms.relu(z, true);
    }

    /** {@code 1} where {@code z > threshold}, else {@code 0}. */
    private static INDArray step(INDArray z, double threshold) {
        return threshold == 0.0 ? Transforms.step(z, true) : z.gt(threshold).castTo(z.dataType());
    }

    /**
     * ELU with its true derivative, {@code alpha·exp(z)} below 0: DL4J 1.0.0-M2.1's own {@code ActivationELU.backprop}
     * ignores {@code alpha}.
     */
    private static ElementwiseFunction elu(ActivationELU a) {
        double alpha = a.getAlpha();
        return new LambdaFunction(a.toString(), z -> a.getActivation(z.dup(), false), z -> {
            INDArray pos = step(z, 0.0);
            INDArray neg = Transforms.exp(Transforms.min(z, 0.0, true), false).muli(alpha).muli(pos.rsub(1.0));
            return neg.addi(pos);
        });
    }

    /**
     * RReLU as DL4J 1.0.0-M2.1 evaluates it at inference: {@code max(z, (l + u)/2)}, not a leaky ReLU (its
     * {@code getActivation(in, false)} clamps from below). Explained as the network computes it.
     */
    private static ElementwiseFunction rrelu(ActivationRReLU a) {
        double cut = 0.5 * (a.getL() + a.getU());
        return new LambdaFunction(a + " (inference: max(z, " + cut + "))", z -> a.getActivation(z.dup(), false),
                z -> step(z, cut));
    }

    /**
     * {@code |z|^p}, the first step of p-norm pooling, computed as DL4J's {@code GlobalPoolingLayer} does
     * ({@code Transforms.pow} of {@code Transforms.abs}); derivative {@code p·|z|^(p−1)·sign(z)} (0 at 0).
     */
    public static ElementwiseFunction absPower(int p) {
        return new LambdaFunction("|z|^" + p, z -> Transforms.pow(Transforms.abs(z, true), p, false),
                z -> p == 1 ? Transforms.sign(z, true)
                        : Transforms.sign(z, true).muli(Transforms.pow(Transforms.abs(z, true), p - 1, false)).muli(p));
    }

    /**
     * {@code z^(1/p)} for {@code z ≥ 0}, the last step of p-norm pooling, as DL4J computes it; derivative
     * {@code z^(1/p − 1)/p}, taken as 0 at {@code z = 0} where it is unbounded for {@code p > 1} (a finite value keeps
     * the scores exact there: a sum of {@code |x|^p} that is 0 at the input and the reference has no change to pass).
     */
    public static ElementwiseFunction root(int p) {
        double e = 1.0 / p;
        return new LambdaFunction("z^(1/" + p + ")", z -> Transforms.pow(z, e, true), z -> {
            INDArray positive = z.gt(0.0).castTo(z.dataType());
            INDArray safe = z.add(positive.rsub(1.0));
            return Transforms.pow(safe, e - 1.0, false).muli(e).muli(positive);
        });
    }

    /** Wraps any activation as an elementwise function, for tests and custom layers; no check is made. */
    public static ElementwiseFunction of(String name, IActivation activation) {
        return new ActivationFunction(name, activation);
    }

    /** The elementwise function of an ND4J activation, or empty if it is not known to be elementwise. */
    public static Optional<ElementwiseFunction> fromActivation(IActivation a) {
        if (a == null || a instanceof ActivationIdentity) {
            return Optional.of(Identity.INSTANCE);
        }
        if (a instanceof ActivationReLU r) {
            boolean plain = (r.getMax() == null || r.getMax() == 0.0 || Double.isInfinite(r.getMax()))
                    && (r.getThreshold() == null || r.getThreshold() == 0.0)
                    && (r.getNegativeSlope() == null || r.getNegativeSlope() == 0.0);
            return Optional.of(plain ? RELU : new ActivationFunction(a.toString(), a));
        }
        if (a instanceof ActivationRReLU r) {
            return Optional.of(rrelu(r));
        }
        if (a instanceof ActivationELU e) {
            return Optional.of(elu(e));
        }
        boolean known = a instanceof ActivationLReLU || a instanceof ActivationSELU
                || a instanceof ActivationSigmoid || a instanceof ActivationTanH || a instanceof ActivationSoftPlus
                || a instanceof ActivationSoftSign || a instanceof ActivationHardSigmoid
                || a instanceof ActivationHardTanH || a instanceof ActivationReLU6 || a instanceof ActivationSwish
                || a instanceof ActivationGELU || a instanceof ActivationMish || a instanceof ActivationCube
                || a instanceof ActivationRationalTanh || a instanceof ActivationRectifiedTanh
                || a instanceof ActivationThresholdedReLU;
        return known ? Optional.of(new ActivationFunction(a.toString(), a)) : Optional.empty();
    }
}
