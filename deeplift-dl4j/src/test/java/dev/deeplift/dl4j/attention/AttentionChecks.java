package dev.deeplift.dl4j.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import java.util.function.BiFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Checks of explanations of attention networks against DL4J's own forward pass, in DOUBLE. */
final class AttentionChecks {
    /** Summation-to-delta, relative to the scores' scale. */
    static final double SUMMATION = 1e-10;
    /** Our forward pass against DL4J's, relative to the outputs' scale. */
    static final double FORWARD = 1e-12;

    private AttentionChecks() {
    }

    /** DL4J's output, with the feature mask if one is given. */
    static INDArray output(MultiLayerNetwork net, INDArray x, INDArray mask) {
        return mask == null ? net.output(x) : net.output(x, false, mask, null);
    }

    /** Unit {@code f·T + t} of a sequence output {@code [N, F, T]}: feature {@code f} at step {@code t}. */
    static Target atStep(int unit, long steps) {
        return Target.unitAtStep((int) (unit / steps), (int) (unit % steps));
    }

    /** The reference repeated to one row per example (DL4J computes it under each example's mask). */
    static INDArray perExample(INDArray reference, long n) {
        return reference.size(0) == n ? reference : Nd4j.zeros(reference.dataType(), shapeWithBatch(reference, n))
                .addi(reference);
    }

    private static long[] shapeWithBatch(INDArray a, long n) {
        long[] s = a.shape().clone();
        s[0] = n;
        return s;
    }

    /**
     * Explains {@code target} (a unit of the flattened output) and checks that the deltas are DL4J's output
     * differences (so our forward pass is DL4J's) and that the scores sum to them.
     *
     * @param forward DL4J's output of (input, mask): {@code [N, F, T]} sequences or {@code [N, F]}
     */
    static Attribution check(DeepLift explainer, INDArray x, INDArray ref, INDArray mask, int target,
                             BiFunction<INDArray, INDArray, INDArray> forward) {
        INDArray out3 = forward.apply(x, mask);
        Target t = out3.rank() == 2 ? Target.of(0, target) : atStep(target, out3.size(2));
        Attribution a = mask == null ? explainer.explain(x, ref, t) : explainer.explain(x, ref, t, mask);
        INDArray out = out3.reshape(out3.size(0), -1);
        INDArray outRef = forward.apply(perExample(ref, x.size(0)), mask);
        outRef = outRef.reshape(outRef.size(0), -1);
        INDArray expected = out.getColumn(target).sub(outRef.getColumn(target));
        double outScale = 1 + Math.max(Transforms.abs(out).maxNumber().doubleValue(),
                Transforms.abs(outRef).maxNumber().doubleValue());
        double deltaErr = Transforms.abs(a.deltas().reshape(expected.shape()).sub(expected)).maxNumber().doubleValue();
        assertTrue(deltaErr <= FORWARD * outScale, "deltas differ from DL4J's output by " + deltaErr);
        double scoreScale = 1 + Transforms.abs(a.scores()).reshape(x.size(0), -1).sum(1).maxNumber().doubleValue();
        assertTrue(a.maxSummationError() <= SUMMATION * scoreScale, "summation error " + a.maxSummationError()
                + " (score scale " + scoreScale + ")");
        assertArrayEquals(x.shape(), a.scores().shape());
        assertTrue(Double.isFinite(a.scores().sumNumber().doubleValue()), "non-finite scores");
        return a;
    }

    /** Uniform random values in [−scale, scale), DOUBLE. */
    static INDArray uniform(long seed, double scale, long... shape) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.DOUBLE, shape).subi(0.5).muli(2 * scale);
    }

    /** {@code [N, T]} mask with the last {@code cut[n]} steps of example {@code n} masked. */
    static INDArray tailMask(int t, int... cut) {
        return Arrays3.nd(Arrays3.tailMask(t, cut));
    }

    /** The largest absolute difference of two arrays of one shape. */
    static double maxDiff(INDArray a, INDArray b) {
        return Transforms.abs(a.sub(b)).maxNumber().doubleValue();
    }
}
