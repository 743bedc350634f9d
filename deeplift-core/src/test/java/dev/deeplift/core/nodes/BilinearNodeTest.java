package dev.deeplift.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.ops.BatchedMatmulOp;
import dev.deeplift.core.ops.ElementwiseProductOp;
import dev.deeplift.core.rules.NonlinearRules;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Bilinear products: the transposes are adjoints, and the two-player split is exact term by term. */
class BilinearNodeTest {
    private static final NodeContext RESCALE = context(false, false);
    private static final NodeContext SPLIT = context(true, false);

    private static NodeContext context(boolean split, boolean gradient) {
        Rule r = gradient ? Rule.GRADIENT : Rule.RESCALE;
        return new NodeContext(r, NonlinearRules.of(r), MaxPoolMode.CROSS_MAX, gradient, split, 1e-10);
    }

    private static INDArray gaussian(Random rng, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, rng.nextGaussian());
        }
        return a;
    }

    private static double dot(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue();
    }

    /** {@code y[n][i][j] = Σ_p opA[i][p]·opB[p][j] / d} by loops over {@code [N, r, c]} arrays. */
    private static INDArray bruteMatmul(INDArray a, INDArray b, boolean ta, boolean tb, double d) {
        long n = a.size(0);
        long rows = ta ? a.size(2) : a.size(1);
        long inner = ta ? a.size(1) : a.size(2);
        long cols = tb ? b.size(1) : b.size(2);
        INDArray y = Nd4j.zeros(DataType.DOUBLE, n, rows, cols);
        for (int e = 0; e < n; e++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    double acc = 0;
                    for (int p = 0; p < inner; p++) {
                        acc += (ta ? a.getDouble(e, p, i) : a.getDouble(e, i, p))
                                * (tb ? b.getDouble(e, j, p) : b.getDouble(e, p, j));
                    }
                    y.putScalar(new int[] {e, i, j}, acc / d);
                }
            }
        }
        return y;
    }

    @Test
    void batchedProductsAndTheirTransposesAreExactForEveryTransposeFlag() {
        Random rng = new Random(1);
        for (boolean ta : new boolean[] {false, true}) {
            for (boolean tb : new boolean[] {false, true}) {
                INDArray a = ta ? gaussian(rng, 2, 4, 3) : gaussian(rng, 2, 3, 4);
                INDArray b = tb ? gaussian(rng, 2, 5, 4) : gaussian(rng, 2, 4, 5);
                BatchedMatmulOp op = new BatchedMatmulOp(ta, tb, 2.0);
                INDArray y = op.apply(a, b);
                assertEquals(0.0, y.sub(bruteMatmul(a, b, ta, tb, 2.0)).amaxNumber().doubleValue(), 1e-12);
                INDArray m = gaussian(rng, y.shape());
                // Adjoints: ⟨m, f(a, b)⟩ = ⟨fᵀ(m, b), a⟩ = ⟨fᵀ(m, a), b⟩.
                assertEquals(dot(m, y), dot(op.transposeFirst(m, b, a), a), 1e-10);
                assertEquals(dot(m, y), dot(op.transposeSecond(m, a, b), b), 1e-10);
            }
        }
    }

    @Test
    void eachFactorGetsTheProductOfItsDeltaWithTheOthersMidpoint() {
        Random rng = new Random(2);
        BatchedMatmulOp op = new BatchedMatmulOp(true, false, 3.0);
        INDArray a = gaussian(rng, 3, 4, 5);
        INDArray b = gaussian(rng, 3, 4, 6);
        INDArray aRef = gaussian(rng, 1, 4, 5);
        INDArray bRef = gaussian(rng, 3, 4, 6);
        List<PairActivations> in = List.of(PairActivations.of(a, aRef), PairActivations.of(b, bRef));
        BilinearNode node = new BilinearNode(LayerKind.ATTENTION, op);
        PairActivations y = node.forward(in, RESCALE);
        INDArray m = gaussian(rng, y.input().shape());
        List<Multipliers> back = node.backward(Multipliers.symmetric(m), in, y, RESCALE);
        INDArray aMid = in.get(0).midpoint();
        INDArray bMid = in.get(1).midpoint();
        // The contribution of Δa is ⟨m, f(Δa, b̄)⟩ and that of Δb is ⟨m, f(ā, Δb)⟩; together ⟨m, Δy⟩.
        double ca = dot(back.get(0).plus(), in.get(0).delta());
        double cb = dot(back.get(1).plus(), in.get(1).delta());
        assertEquals(dot(m, op.apply(in.get(0).delta(), bMid)), ca, 1e-10);
        assertEquals(dot(m, op.apply(aMid, in.get(1).delta())), cb, 1e-10);
        assertEquals(dot(m, y.delta()), ca + cb, 1e-10);
    }

    @Test
    void theRevealCancelSplitSumsThePositiveAndNegativeTermsAndIsConserved() {
        Random rng = new Random(3);
        ElementwiseProductOp op = ElementwiseProductOp.INSTANCE;
        INDArray a = gaussian(rng, 2, 3, 4);
        INDArray b = gaussian(rng, 2, 1, 4); // repeated over the middle axis, as softmax's 1/Σe is
        INDArray aRef = gaussian(rng, 2, 3, 4);
        INDArray bRef = gaussian(rng, 2, 1, 4);
        List<PairActivations> in = List.of(PairActivations.of(a, aRef), PairActivations.of(b, bRef));
        BilinearNode node = new BilinearNode(LayerKind.ATTENTION, op);
        PairActivations y = node.forward(in, SPLIT);
        INDArray da = a.sub(aRef);
        INDArray db = b.sub(bRef);
        INDArray t1 = da.mul(b.add(bRef).muli(0.5));
        INDArray t2 = a.add(aRef).muli(0.5).mul(db);
        INDArray plus = Nd4j.zeros(DataType.DOUBLE, 2, 3, 4);
        for (long i = 0; i < plus.length(); i++) {
            plus.putScalar(i, Math.max(0, t1.getDouble(i)) + Math.max(0, t2.getDouble(i)));
        }
        assertEquals(0.0, y.deltaPlus().sub(plus).amaxNumber().doubleValue(), 1e-12);
        assertEquals(0.0, y.deltaPlus().add(y.deltaMinus()).sub(y.delta()).amaxNumber().doubleValue(), 1e-12);
        INDArray mPlus = gaussian(rng, 2, 3, 4);
        INDArray mMinus = gaussian(rng, 2, 3, 4);
        List<Multipliers> back = node.backward(Multipliers.of(mPlus, mMinus), in, y, SPLIT);
        double reached = dot(mPlus, y.deltaPlus()) + dot(mMinus, y.deltaMinus());
        double sent = dot(back.get(0).plus(), da) + dot(back.get(1).plus(), db);
        assertEquals(reached, sent, 1e-10);
    }

    @Test
    void plainGradientsHoldEachFactorAtTheInput() {
        Random rng = new Random(4);
        INDArray a = gaussian(rng, 2, 3);
        INDArray b = gaussian(rng, 2, 3);
        List<PairActivations> in = List.of(PairActivations.of(a, gaussian(rng, 2, 3)),
                PairActivations.of(b, gaussian(rng, 2, 3)));
        ProductNode node = new ProductNode();
        NodeContext gradient = context(false, true);
        PairActivations y = node.forward(in, gradient);
        INDArray m = gaussian(rng, 2, 3);
        List<Multipliers> back = node.backward(Multipliers.symmetric(m), in, y, gradient);
        assertEquals(0.0, back.get(0).plus().sub(m.mul(b)).amaxNumber().doubleValue(), 0.0);
        assertEquals(0.0, back.get(1).plus().sub(m.mul(a)).amaxNumber().doubleValue(), 0.0);
    }
}
