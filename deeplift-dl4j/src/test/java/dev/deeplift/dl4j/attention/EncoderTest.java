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
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.PreprocessorVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.EmbeddingSequenceLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
import org.deeplearning4j.nn.conf.preprocessor.FeedForwardToRnnPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The transformer-style encoder of the research notes, end to end: token and learned position embeddings
 * ({@code EmbeddingSequenceLayer}), self-attention, residual adds, a per-step feed-forward block with layer norm
 * (dense layers between RnnToFeedForward and FeedForwardToRnn), masked average pooling and a softmax output,
 * explained exactly with and without a feature mask, with one score per token.
 */
class EncoderTest {
    private static final int V = 7;
    private static final int T = 6;
    private static final int D = 8;
    private static final int F = 12;
    private static final int C = 3;

    static ComputationGraph encoder(DataType dt) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(12).dataType(dt)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("tok", "pos")
                // setInputTypes replaces an embedding's nIn by the input type's size: declare the vocabularies.
                .setInputTypes(InputType.recurrent(V, T), InputType.recurrent(T, T))
                .addLayer("tokEmb", new EmbeddingSequenceLayer.Builder().nIn(V).nOut(D).build(), "tok")
                .addLayer("posEmb", new EmbeddingSequenceLayer.Builder().nIn(T).nOut(D).build(), "pos")
                .addVertex("emb", new ElementWiseVertex(ElementWiseVertex.Op.Add), "tokEmb", "posEmb")
                .addLayer("att", new SelfAttentionLayer.Builder().nIn(D).nOut(D).nHeads(2).projectInput(true).build(),
                        "emb")
                .addVertex("res1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "emb", "att")
                .addLayer("ff1", new DenseLayer.Builder().nIn(D).nOut(F).hasLayerNorm(true)
                        .activation(Activation.RELU).build(), "res1")
                .addLayer("ff2", new DenseLayer.Builder().nIn(F).nOut(D).activation(Activation.IDENTITY).build(),
                        "ff1")
                .addVertex("ff2rnn", new PreprocessorVertex(new FeedForwardToRnnPreProcessor()), "ff2")
                .addVertex("res2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "res1", "ff2rnn")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "res2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(D).nOut(C)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        // Biases start at 0 and gains at 1: give them generic values, so that the test sees them.
        Random r = new Random(77);
        for (String l : new String[] {"ff1", "ff2", "out"}) {
            for (Map.Entry<String, INDArray> e : g.getLayer(l).paramTable().entrySet()) {
                if (e.getKey().equals("b") || e.getKey().equals("g")) {
                    INDArray a = e.getValue();
                    for (int i = 0; i < a.length(); i++) {
                        a.putScalar(i, (e.getKey().equals("g") ? 1.0 : 0.0) + 0.3 * r.nextGaussian());
                    }
                }
            }
        }
        return g;
    }

    static HandEncoder hand(ComputationGraph g) {
        HandEncoder h = new HandEncoder();
        h.etok = Arrays3.d2(g.getLayer("tokEmb").getParam("W"));
        h.epos = Arrays3.d2(g.getLayer("posEmb").getParam("W"));
        Map<String, INDArray> a = g.getLayer("att").paramTable();
        h.attention = new HandSelfAttention(Arrays3.d3(a.get("Wq")), Arrays3.d3(a.get("Wk")), Arrays3.d3(a.get("Wv")),
                Arrays3.d2(a.get("Wo")));
        Map<String, INDArray> f1 = g.getLayer("ff1").paramTable();
        h.ff1 = new HandDense(Arrays3.d2(f1.get("W")), Arrays3.d1(f1.get("b")), Arrays3.d1(f1.get("g")),
                z -> Math.max(0, z));
        Map<String, INDArray> f2 = g.getLayer("ff2").paramTable();
        h.ff2 = new HandDense(Arrays3.d2(f2.get("W")), Arrays3.d1(f2.get("b")), null, z -> z);
        h.wOut = Arrays3.d2(g.getLayer("out").getParam("W"));
        h.bOut = Arrays3.d1(g.getLayer("out").getParam("b"));
        return h;
    }

    private static int[][] tokens(int n, long seed) {
        Random r = new Random(seed);
        int[][] t = new int[n][T];
        for (int[] row : t) {
            for (int i = 0; i < T; i++) {
                row[i] = 1 + r.nextInt(V - 1);
            }
        }
        return t;
    }

    private static int[][] positions(int n) {
        int[][] p = new int[n][T];
        for (int[] row : p) {
            for (int i = 0; i < T; i++) {
                row[i] = i;
            }
        }
        return p;
    }

    private static INDArray indices(DataType dt, int[][] a) {
        INDArray x = Nd4j.create(dt, a.length, 1, a[0].length);
        for (int n = 0; n < a.length; n++) {
            for (int t = 0; t < a[n].length; t++) {
                x.putScalar(new int[] {n, 0, t}, a[n][t]);
            }
        }
        return x;
    }

    /** DL4J's logit of unit {@code k} minus that of unit 0, from its softmax (the normaliser cancels). */
    private static INDArray logitGap(ComputationGraph g, INDArray[] in, INDArray[] masks, int k) {
        INDArray p = Transforms.log(g.output(false, in, masks)[0], false);
        return p.getColumn(k).sub(p.getColumn(0));
    }

    @Test
    void theHandForwardIsDl4jsWithAndWithoutMask() {
        ComputationGraph g = encoder(DataType.DOUBLE);
        int[][] tok = tokens(4, 1);
        INDArray[] in = {indices(DataType.DOUBLE, tok), indices(DataType.DOUBLE, positions(4))};
        double[][] mask = Arrays3.tailMask(T, 0, 1, 3, 5);
        INDArray[] masks = {Arrays3.nd(mask), Arrays3.nd(mask)};
        double[][] plain = hand(g).forward(tok, positions(4), null);
        double[][] masked = hand(g).forward(tok, positions(4), mask);
        for (int n = 0; n < 4; n++) {
            for (int c = 0; c < C; c++) {
                assertEquals(plain[n][c], g.output(in)[0].getDouble(n, c), 1e-12);
                assertEquals(masked[n][c], g.output(false, in, masks)[0].getDouble(n, c), 1e-12);
            }
        }
    }

    private static void explainExactly(DataType dt, double tolerance) {
        ComputationGraph g = encoder(dt);
        int n = 4;
        INDArray[] in = {indices(dt, tokens(n, 2)), indices(dt, positions(n))};
        // Reference: token 0 ("unknown") at every step, the same positions (which then get no scores).
        INDArray[] ref = {Nd4j.zeros(dt, n, 1, T), in[1]};
        INDArray mask = AttentionChecks.tailMask(T, 0, 1, 3, 5).castTo(dt);
        for (INDArray[] masks : new INDArray[][] {null, {mask, mask}}) {
            for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
                DeepLift dl = DeepLift.of(g).withRule(rule);
                Attribution a2 = masks == null ? dl.explain(in, ref, Target.of("out", 2))
                        : dl.explain(in, ref, masks, Target.of("out", 2));
                Attribution a0 = masks == null ? dl.explain(in, ref, Target.of("out", 0))
                        : dl.explain(in, ref, masks, Target.of("out", 0));
                INDArray ours = a2.deltas().sub(a0.deltas()).reshape(n);
                INDArray dl4j = logitGap(g, in, masks, 2).sub(logitGap(g, ref, masks, 2)).reshape(n);
                double scale = 1 + Transforms.abs(dl4j).maxNumber().doubleValue();
                assertTrue(Transforms.abs(ours.sub(dl4j)).maxNumber().doubleValue()
                        <= (dt == DataType.DOUBLE ? 1e-12 : 1e-4) * scale, rule + " " + dt + ": deltas differ");
                double scoreScale = 1 + Transforms.abs(a2.scores(0)).reshape(n, -1).sum(1).maxNumber().doubleValue();
                assertTrue(a2.maxSummationError() <= tolerance * scoreScale, rule + " " + dt + " masked="
                        + (masks != null) + ": summation error " + a2.maxSummationError());
                // One score per token, [N, 1, T]; positions are their own reference; padded steps score 0.
                assertEquals(3, a2.scores(0).rank());
                assertEquals(0.0, a2.scores(1).amaxNumber().doubleValue(), 0.0);
                if (masks != null) {
                    assertEquals(0.0, a2.scores(0).getDouble(3, 0, T - 1), 0.0);
                }
            }
        }
    }

    @Test
    void theEncoderIsExplainedExactlyInDoubleWithAndWithoutMask() {
        explainExactly(DataType.DOUBLE, AttentionChecks.SUMMATION);
    }

    @Test
    void theEncoderIsExplainedWithinFloatRoundingInFloat() {
        explainExactly(DataType.FLOAT, 1e-4);
    }
}
