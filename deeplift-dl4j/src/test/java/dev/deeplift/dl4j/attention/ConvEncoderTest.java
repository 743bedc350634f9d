package dev.deeplift.dl4j.attention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import java.util.Random;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.Convolution1DLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SelfAttentionLayer;
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
 * A transformer-style encoder block over one-hot tokens and one-hot positions, with position-wise dense layers as
 * kernel-1 convolutions (token and position embeddings, self-attention, residual adds, a ReLU feed-forward block,
 * average pooling, softmax output), explained exactly in DOUBLE and FLOAT, with one score per token.
 */
class ConvEncoderTest {
    private static final int V = 7;
    private static final int T = 6;
    private static final int D = 8;

    static ComputationGraph encoder(DataType dt) {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(17).dataType(dt)
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("tokens", "positions")
                .setInputTypes(InputType.recurrent(V, T), InputType.recurrent(T, T))
                .addLayer("tok", conv(D, Activation.IDENTITY, true), "tokens")
                .addLayer("pos", conv(D, Activation.IDENTITY, false), "positions")
                .addVertex("e", new ElementWiseVertex(ElementWiseVertex.Op.Add), "tok", "pos")
                .addLayer("att", new SelfAttentionLayer.Builder().nOut(D).nHeads(2).projectInput(true).build(), "e")
                .addVertex("r1", new ElementWiseVertex(ElementWiseVertex.Op.Add), "e", "att")
                .addLayer("ff1", conv(2 * D, Activation.RELU, true), "r1")
                .addLayer("ff2", conv(D, Activation.IDENTITY, true), "ff1")
                .addVertex("r2", new ElementWiseVertex(ElementWiseVertex.Op.Add), "r1", "ff2")
                .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "r2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build(), "pool")
                .setOutputs("out").build();
        ComputationGraph g = new ComputationGraph(conf);
        g.init();
        Nd4j.getRandom().setSeed(3);
        for (String layer : new String[] {"tok", "ff1", "ff2", "out"}) {
            INDArray b = g.getLayer(layer).getParam("b");
            b.assign(Nd4j.rand(dt, b.shape()).subi(0.5));
        }
        return g;
    }

    private static Convolution1DLayer conv(int nOut, Activation activation, boolean bias) {
        return new Convolution1DLayer.Builder().kernelSize(1).nOut(nOut).activation(activation).hasBias(bias).build();
    }

    static INDArray tokens(DataType dt, int n, long seed) {
        Random r = new Random(seed);
        INDArray x = Nd4j.zeros(dt, n, V, T);
        for (int i = 0; i < n; i++) {
            for (int t = 0; t < T; t++) {
                x.putScalar(new int[] {i, r.nextInt(V), t}, 1.0);
            }
        }
        return x;
    }

    static INDArray positions(DataType dt, int n) {
        return Nd4j.zeros(dt, n, T, T).addi(Nd4j.eye(T).castTo(dt).reshape(1, T, T));
    }

    /** The logits DL4J computes (log of its softmax, up to a per-example constant that cancels in differences). */
    private static INDArray logitDifference(ComputationGraph g, INDArray[] in, INDArray[] ref, int unit) {
        INDArray p = Transforms.log(g.outputSingle(in), false);
        INDArray q = Transforms.log(g.outputSingle(ref), false);
        // Differences of log-softmax between two units cancel the normaliser: compare unit against unit 0.
        return p.getColumn(unit).sub(p.getColumn(0)).sub(q.getColumn(unit).sub(q.getColumn(0)));
    }

    private static void check(DataType dt, double tolerance) {
        ComputationGraph g = encoder(dt);
        INDArray[] in = {tokens(dt, 4, 1), positions(dt, 4)};
        INDArray[] ref = {Nd4j.zeros(dt, 4, V, T), positions(dt, 4)};
        for (Rule rule : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
            DeepLift dl = DeepLift.of(g).withRule(rule);
            Attribution a2 = dl.explain(in, ref, Target.of(0, 2));
            Attribution a0 = dl.explain(in, ref, Target.of(0, 0));
            // Our logit differences are DL4J's (through its softmax: unit 2 against unit 0).
            INDArray ours = a2.deltas().sub(a0.deltas()).reshape(4);
            INDArray dl4j = logitDifference(g, in, ref, 2).reshape(4);
            assertTrue(Transforms.abs(ours.sub(dl4j)).maxNumber().doubleValue()
                    <= (dt == DataType.DOUBLE ? 1e-12 : 1e-4) * (1 + Transforms.abs(dl4j).maxNumber().doubleValue()));
            double scale = 1 + Transforms.abs(a2.scores(0)).reshape(4, -1).sum(1).maxNumber().doubleValue();
            assertTrue(a2.maxSummationError() <= tolerance * scale, rule + " " + dt + ": summation error "
                    + a2.maxSummationError() + " (scale " + scale + ")");
            // The positions are their own reference: no scores.
            assertEquals(0.0, a2.scores(1).amaxNumber().doubleValue(), 0.0);
            // One score per token: its channel's score (the other channels have no delta).
            INDArray perToken = a2.scores(0).sum(1);
            assertEquals(a2.deltas().getDouble(3), perToken.getRow(3).sumNumber().doubleValue(), tolerance * scale);
        }
    }

    @Test
    void theEncoderIsExplainedExactlyInDouble() {
        check(DataType.DOUBLE, AttentionChecks.SUMMATION);
    }

    @Test
    void theEncoderIsExplainedWithinFloatRoundingInFloat() {
        check(DataType.FLOAT, 1e-4);
    }
}
