package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.RulePolicy;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Shared checks against DL4J's own forward pass, for networks whose output activation is the identity. */
final class Dl4jChecks {
    private Dl4jChecks() {
    }

    static double tolerance(DataType dt) {
        return dt == DataType.DOUBLE ? 1e-9 : 2e-3;
    }

    /**
     * Explains target {@code t} and checks that deltas are DL4J's output differences and that scores sum to them.
     */
    static Attribution explainAndCheck(MultiLayerNetwork net, INDArray x, INDArray ref, int t, RulePolicy policy) {
        DataType dt = net.params().dataType();
        Attribution a = DeepLift.of(net).withRules(policy).explain(x, ref, t);
        INDArray out = net.output(x);
        INDArray outRef = net.output(ref);
        INDArray expected = out.reshape(out.size(0), -1).getColumn(t)
                .sub(outRef.reshape(outRef.size(0), -1).getColumn(t));
        double scale = 1 + Transforms.abs(expected).maxNumber().doubleValue();
        double tol = tolerance(dt) * scale;
        double deltaErr = Transforms.abs(a.deltas().sub(expected)).maxNumber().doubleValue();
        assertTrue(deltaErr <= tol, policy + ": deltas differ from DL4J's output by " + deltaErr
                + "\n ours " + a.deltas() + "\n dl4j " + expected);
        double scoreScale = 1 + Transforms.abs(a.scores()).reshape(x.size(0), -1).sum(1).maxNumber().doubleValue();
        assertTrue(a.maxSummationError() <= tolerance(dt) * scoreScale, policy + ": summation error "
                + a.maxSummationError());
        assertArrayEquals(x.shape(), a.scores().shape());
        assertTrue(!Double.isNaN(a.scores().sumNumber().doubleValue()), "NaN scores");
        return a;
    }
}
