package dev.deeplift.core.nodes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.deeplift.core.LayerKind;
import dev.deeplift.core.MaxPoolMode;
import dev.deeplift.core.Rule;
import dev.deeplift.core.graph.Multipliers;
import dev.deeplift.core.graph.NodeContext;
import dev.deeplift.core.graph.PairActivations;
import dev.deeplift.core.ops.FeatureMapOp;
import dev.deeplift.core.ops.LinearOp;
import dev.deeplift.core.ops.TimeStepOp;
import dev.deeplift.core.rules.NonlinearRules;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The attention nodes one by one: exact forward values and conserved contributions, masked rows included. */
class AttentionNodesTest {

    private static NodeContext context(Rule rule, boolean split) {
        return new NodeContext(rule, NonlinearRules.of(rule), MaxPoolMode.CROSS_MAX, rule == Rule.GRADIENT, split,
                1e-10);
    }

    private static INDArray gaussian(Random rng, double scale, long... shape) {
        INDArray a = Nd4j.create(DataType.DOUBLE, shape);
        for (long i = 0; i < a.length(); i++) {
            a.putScalar(i, scale * rng.nextGaussian());
        }
        return a;
    }

    private static double dot(INDArray a, INDArray b) {
        return a.mul(b).sumNumber().doubleValue();
    }

    private static double contribution(Multipliers m, PairActivations p) {
        return m.isSymmetric() ? dot(m.plus(), p.delta())
                : dot(m.plus(), p.deltaPlus()) + dot(m.minus(), p.deltaMinus());
    }

    @Test
    void theShiftedExponentialIsExpAndConservesUnderRescaleAndRevealCancel() {
        Random rng = new Random(5);
        INDArray s = gaussian(rng, 3.0, 2, 2, 4, 3);
        INDArray sRef = gaussian(rng, 3.0, 1, 2, 4, 3);
        SoftmaxExpNode node = new SoftmaxExpNode(2);
        assertFalse(node.sidesIndependent());
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            INDArray plus = Nd4j.rand(DataType.DOUBLE, 2, 2, 4, 3);
            PairActivations in = PairActivations.withSplit(s, sRef, plus, s.sub(sRef).subi(plus));
            PairActivations e = node.forward(List.of(in), context(rule, false));
            // e = exp(s − c) with c the largest score over the keys (axis 2) of both sides.
            for (int n = 0; n < 2; n++) {
                for (int h = 0; h < 2; h++) {
                    for (int i = 0; i < 3; i++) {
                        double c = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < 4; j++) {
                            c = Math.max(c, Math.max(s.getDouble(n, h, j, i), sRef.getDouble(0, h, j, i)));
                        }
                        for (int j = 0; j < 4; j++) {
                            assertEquals(Math.exp(s.getDouble(n, h, j, i) - c), e.input().getDouble(n, h, j, i), 1e-15);
                            assertEquals(Math.exp(sRef.getDouble(0, h, j, i) - c), e.reference().getDouble(n, h, j, i),
                                    1e-15);
                        }
                    }
                }
            }
            INDArray m = gaussian(rng, 1.0, 2, 2, 4, 3);
            Multipliers back = node.backward(Multipliers.symmetric(m), List.of(in), e, context(rule, false)).get(0);
            assertEquals(dot(m, e.delta()), contribution(back, in), 1e-12);
        }
    }

    @Test
    void maskedKeysTakeNoPartAndARowWithEveryKeyMaskedStillConservesExactly() {
        Random rng = new Random(6);
        INDArray k = gaussian(rng, 1.0, 2, 1, 3, 4);
        INDArray q = gaussian(rng, 1.0, 2, 1, 3, 2);
        INDArray kRef = gaussian(rng, 0.3, 1, 1, 3, 4);
        INDArray qRef = gaussian(rng, 0.3, 1, 1, 3, 2);
        // Example 0 masks key 3; example 1 masks every key (as min(keys' mask, values' mask) can).
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 1, 0}, {0, 0, 0, 0}});
        List<PairActivations> in = List.of(PairActivations.of(k, kRef), PairActivations.of(q, qRef),
                PairActivations.of(mask, mask));
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            NodeContext ctx = context(rule, rule == Rule.REVEAL_CANCEL);
            AttentionScoreNode scores = new AttentionScoreNode();
            PairActivations s = scores.forward(in, ctx);
            assertEquals(k.getDouble(0, 0, 0, 1) * q.getDouble(0, 0, 0, 1) + k.getDouble(0, 0, 1, 1)
                    * q.getDouble(0, 0, 1, 1) + k.getDouble(0, 0, 2, 1) * q.getDouble(0, 0, 2, 1),
                    s.input().getDouble(0, 0, 1, 1) * Math.sqrt(3), 1e-14);
            SoftmaxExpNode exp = new SoftmaxExpNode(2);
            PairActivations e = exp.forward(List.of(s), context(rule, false));
            assertEquals(0.0, e.input().getDouble(0, 0, 3, 0), 0.0);
            assertEquals(0.0, e.reference().getDouble(0, 0, 3, 1), 0.0);
            INDArray m = gaussian(rng, 1.0, 2, 1, 4, 2);
            Multipliers mS = exp.backward(Multipliers.symmetric(m), List.of(s), e, context(rule, false)).get(0);
            assertEquals(dot(m, e.delta()), contribution(mS, s), 1e-12);
            assertEquals(0.0, mS.collapse(s.delta()).getDouble(0, 0, 3, 0), 0.0);
            List<Multipliers> back = scores.backward(mS, in, s, ctx);
            double sent = dot(back.get(0).plus(), in.get(0).delta()) + dot(back.get(1).plus(), in.get(1).delta());
            // Exact, although the masked row's scores are rounded at the scale of 1e9.
            assertEquals(contribution(mS, s), sent, 1e-12 * (1 + Math.abs(sent)));
            assertEquals(null, back.get(2));
        }
    }

    @Test
    void aLinearSumSplitsAllTermsAndConserves() {
        Random rng = new Random(7);
        INDArray w = gaussian(rng, 1.0, 3, 4);
        INDArray r = gaussian(rng, 1.0, 4, 4);
        LinearOp input = new TimeStepOp(new FeatureMapOp(w, true, gaussian(rng, 1.0, 4), 4), 2);
        LinearOp recurrent = new FeatureMapOp(r, true, null, 4);
        LinearSumNode node = new LinearSumNode(LayerKind.RECURRENT, List.of(input, recurrent));
        PairActivations x = PairActivations.of(gaussian(rng, 1.0, 2, 3, 5), gaussian(rng, 1.0, 1, 3, 5));
        PairActivations h = PairActivations.of(gaussian(rng, 1.0, 2, 4, 1), gaussian(rng, 1.0, 2, 4, 1));
        PairActivations z = node.forward(List.of(x, h), context(Rule.REVEAL_CANCEL, true));
        // z = x_2·W + b + h·R, by hand for one element.
        double expect = 0;
        for (int f = 0; f < 3; f++) {
            expect += x.input().getDouble(1, f, 2) * w.getDouble(f, 3);
        }
        for (int f = 0; f < 4; f++) {
            expect += h.input().getDouble(1, f, 0) * r.getDouble(f, 3);
        }
        INDArray zNoBias = z.input().sub(node.forward(List.of(PairActivations.of(x.input().mul(0), x.reference()),
                PairActivations.of(h.input().mul(0), h.reference())), context(Rule.RESCALE, false)).input());
        assertEquals(expect, zNoBias.getDouble(1, 3, 0), 1e-12);
        Multipliers out = Multipliers.of(gaussian(rng, 1.0, 2, 4, 1), gaussian(rng, 1.0, 2, 4, 1));
        List<Multipliers> back = node.backward(out, List.of(x, h), z, context(Rule.REVEAL_CANCEL, true));
        assertEquals(contribution(out, z), contribution(back.get(0), x) + contribution(back.get(1), h), 1e-12);
        // Steps other than 2 take no multipliers.
        assertEquals(0.0, back.get(0).plus().getDouble(0, 1, 4), 0.0);
    }

    @Test
    void keyMasksCombineByTheirMinimum() {
        INDArray a = Nd4j.createFromArray(new double[][] {{1, 1, 0}});
        INDArray b = Nd4j.createFromArray(new double[][] {{0, 1, 0}});
        List<PairActivations> in = List.of(PairActivations.of(a, a), PairActivations.of(b, b));
        assertEquals(Nd4j.createFromArray(new double[][] {{0, 1, 0}}),
                MaskMergeNode.min().forward(in, context(Rule.RESCALE, false)).input());
    }
}
