package dev.deeplift.dl4j.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.AttentionVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * AttentionVertex explained exactly: key mask min(keys' mask, values' mask), output times the queries' mask, one or
 * several heads, projected or not.
 */
class AttentionVertexTest {
    private static final int TQ = 4;
    private static final int TK = 5;

    /** Three inputs q, k, v feeding one AttentionVertex "att", the output. */
    static ComputationGraph graph(int fq, int fk, int fv, int nOut, int heads, int headSize, boolean project) {
        AttentionVertex.Builder b = new AttentionVertex.Builder().nInQueries(fq).nInKeys(fk).nInValues(fv).nOut(nOut)
                .nHeads(heads).projectInput(project).weightInit(WeightInit.NORMAL);
        if (headSize > 0) {
            b.headSize(headSize);
        }
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("q", "k", "v")
                .setInputTypes(InputType.recurrent(fq, TQ), InputType.recurrent(fk, TK), InputType.recurrent(fv, TK))
                .addVertex("att", b.build(), "q", "k", "v").setOutputs("att").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        return g;
    }

    static HandAttentionVertex hand(ComputationGraph g) {
        Map<String, INDArray> p = g.getVertex("att").paramTable(false);
        return p.isEmpty() ? new HandAttentionVertex() : new HandAttentionVertex(Arrays3.d3(p.get("Wq")),
                Arrays3.d3(p.get("Wk")), Arrays3.d3(p.get("Wv")), Arrays3.d2(p.get("Wo")));
    }

    /** Fq, Fk, Fv, nOut, heads, headSize (0: nOut / heads), projectInput (1 or 0). */
    private static final int[][] CONFIGS = {{3, 5, 2, 6, 1, 0, 1}, {3, 5, 2, 4, 3, 2, 1}, {4, 4, 4, 4, 1, 0, 0}};

    private static ComputationGraph graph(int[] c) {
        return graph(c[0], c[1], c[2], c[3], c[4], c[5], c[6] == 1);
    }

    private static INDArray[] masks(boolean q, boolean k, boolean v) {
        return new INDArray[] {q ? AttentionChecks.tailMask(TQ, 0, 1, 2) : null,
            k ? AttentionChecks.tailMask(TK, 0, 2, 1) : null, v ? AttentionChecks.tailMask(TK, 1, 0, 3) : null};
    }

    private static INDArray output(ComputationGraph g, INDArray[] in, INDArray[] masks) {
        INDArray out = g.output(false, in, masks)[0];
        return out.reshape(out.size(0), -1);
    }

    /** Unit {@code f·TQ + t} of the output: feature {@code f} at query step {@code t}. */
    private static Target unit(int u) {
        return AttentionChecks.atStep(u, TQ);
    }

    /** Explains one unit and checks the deltas against DL4J and the scores' sum over the three inputs. */
    private static Attribution check(DeepLift dl, ComputationGraph g, INDArray[] in, INDArray[] ref,
                                     INDArray[] masks, int unit) {
        Attribution a = dl.explain(in, ref, masks, unit(unit));
        INDArray[] refRows = new INDArray[3];
        for (int k = 0; k < 3; k++) {
            refRows[k] = AttentionChecks.perExample(ref[k], in[k].size(0));
        }
        INDArray expected = output(g, in, masks).getColumn(unit).sub(output(g, refRows, masks).getColumn(unit));
        assertTrue(AttentionChecks.maxDiff(a.deltas().reshape(expected.shape()), expected) <= 1e-12,
                "deltas differ from DL4J's output");
        double scale = 1;
        for (int k = 0; k < 3; k++) {
            scale += Transforms.abs(a.scores(k)).sumNumber().doubleValue();
        }
        assertTrue(a.maxSummationError() <= AttentionChecks.SUMMATION * scale, "summation error "
                + a.maxSummationError());
        return a;
    }

    @Test
    void theHandForwardIsDl4jsForEveryMaskCombination() {
        Random r = new Random(31);
        for (int[] c : CONFIGS) {
            ComputationGraph g = graph(c);
            double[][][] q = Arrays3.random(r, 3, c[0], TQ, 1.0);
            double[][][] k = Arrays3.random(r, 3, c[1], TK, 1.0);
            double[][][] v = Arrays3.random(r, 3, c[2], TK, 1.0);
            INDArray[] in = {Arrays3.nd(q), Arrays3.nd(k), Arrays3.nd(v)};
            for (INDArray[] m : new INDArray[][] {masks(false, false, false), masks(true, true, true),
                masks(false, true, false), masks(true, false, true)}) {
                double[][][] dl4j = Arrays3.d3(g.output(false, in, m)[0]);
                double[][][] mine = hand(g).forward(q, k, v, m[0] == null ? null : Arrays3.d2(m[0]),
                        m[1] == null ? null : Arrays3.d2(m[1]), m[2] == null ? null : Arrays3.d2(m[2]));
                assertTrue(Arrays3.maxAbsDiff(dl4j, mine) < 1e-12);
            }
        }
    }

    @Test
    void scoresSumToDl4jsOutputDifferencesForEveryMaskCombinationUnderRescaleAndRevealCancel() {
        for (int[] c : CONFIGS) {
            ComputationGraph g = graph(c);
            INDArray[] in = {AttentionChecks.uniform(1, 1.5, 3, c[0], TQ),
                AttentionChecks.uniform(2, 1.5, 3, c[1], TK), AttentionChecks.uniform(3, 1.5, 3, c[2], TK)};
            INDArray[] ref = {AttentionChecks.uniform(4, 0.5, 1, c[0], TQ),
                AttentionChecks.uniform(5, 0.5, 3, c[1], TK), AttentionChecks.uniform(6, 0.5, 1, c[2], TK)};
            for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
                DeepLift dl = DeepLift.of(g).withRule(rule);
                check(dl, g, in, ref, masks(false, false, false), 0);
                check(dl, g, in, ref, masks(true, true, true), TQ + 1);
                check(dl, g, in, ref, masks(false, true, false), c[3] * TQ - 1);
                check(dl, g, in, ref, masks(true, false, true), 2);
            }
        }
    }

    @Test
    void maskedQueryStepsAndMaskedKeysGetExactlyZero() {
        ComputationGraph g = graph(CONFIGS[1]);
        INDArray[] in = {AttentionChecks.uniform(11, 1.5, 3, 3, TQ), AttentionChecks.uniform(12, 1.5, 3, 5, TK),
            AttentionChecks.uniform(13, 1.5, 3, 2, TK)};
        INDArray[] ref = {AttentionChecks.uniform(14, 0.5, 1, 3, TQ), AttentionChecks.uniform(15, 0.5, 1, 5, TK),
            AttentionChecks.uniform(16, 0.5, 1, 2, TK)};
        INDArray[] m = masks(true, true, true);
        // Unit (feature 0, query step TQ − 1): masked in examples 1 and 2, whose deltas and scores are then 0.
        Attribution a = DeepLift.of(g).withRule(Rule.REVEAL_CANCEL).explain(in, ref, m, unit(TQ - 1));
        for (int n = 1; n < 3; n++) {
            assertEquals(0.0, a.deltas().getDouble(n), 0.0);
            for (int k = 0; k < 3; k++) {
                assertEquals(0.0, a.scores(k).get(NDArrayIndex.point(n)).amaxNumber().doubleValue(), 0.0);
            }
        }
        // Example 0: the key mask min(keys', values') drops step TK − 1 (values' mask), so keys and values there
        // contribute nothing.
        for (int k = 1; k < 3; k++) {
            assertEquals(0.0, a.scores(k).get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(TK - 1))
                    .amaxNumber().doubleValue(), 0.0);
            assertTrue(a.scores(k).get(NDArrayIndex.point(0), NDArrayIndex.all(), NDArrayIndex.point(0))
                    .amaxNumber().doubleValue() > 0.0);
        }
    }

    @Test
    void oneInputAsQueriesKeysAndValuesIsExplainedAsSelfAttention() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .graphBuilder().addInputs("x").setInputTypes(InputType.recurrent(4, TK))
                .addVertex("att", new AttentionVertex.Builder().nInQueries(4).nInKeys(4).nInValues(4).nOut(6)
                        .nHeads(2).projectInput(true).build(), "x", "x", "x")
                .setOutputs("att").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        INDArray x = AttentionChecks.uniform(21, 1.5, 3, 4, TK);
        INDArray ref = AttentionChecks.uniform(22, 0.5, 1, 4, TK);
        INDArray mask = AttentionChecks.tailMask(TK, 0, 1, 2);
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            AttentionChecks.check(DeepLift.of(g).withRule(rule), x, ref, mask, 3,
                    (in, m) -> g.output(false, new INDArray[] {in}, new INDArray[] {m})[0]);
        }
    }
}
