package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.RulePolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

/** Concurrency, workspaces, chunking, numerical edge cases, and the network left as it was. */
class ReliabilityTest {

    static MultiLayerNetwork cnn(DataType dt) {
        var conf = new NeuralNetConfiguration.Builder().seed(8).dataType(dt)
                .updater(new org.nd4j.linalg.learning.config.Adam(1e-3)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build())
                .layer(new BatchNormalization.Builder().build())
                .layer(new SubsamplingLayer.Builder(PoolingType.MAX).kernelSize(2, 2).stride(2, 2).build())
                .layer(new DenseLayer.Builder().nOut(8).activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(3)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutional(8, 8, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void eightThreadsGetExactlyWhatSequentialCallsGet() throws Exception {
        MultiLayerNetwork net = cnn(DataType.FLOAT);
        DeepLift dl = DeepLift.of(net).withRule(Rule.REVEAL_CANCEL);
        int calls = 48;
        List<INDArray> inputs = new ArrayList<>();
        List<INDArray> expected = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            inputs.add(TestNets.uniform(DataType.FLOAT, 100 + i, 1.0, 4, 1, 8, 8));
            expected.add(dl.explain(inputs.get(i), i % 3).scores());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<INDArray>> futures = new ArrayList<>();
            for (int i = 0; i < calls; i++) {
                final int k = i;
                futures.add(pool.submit(() -> dl.explain(inputs.get(k), k % 3).scores()));
            }
            for (int i = 0; i < calls; i++) {
                assertEquals(expected.get(i), futures.get(i).get(), "call " + i);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void resultsOutliveTheCallersWorkspace() {
        MultiLayerNetwork net = cnn(DataType.FLOAT);
        INDArray x = TestNets.uniform(DataType.FLOAT, 3, 1.0, 2, 1, 8, 8);
        Attribution outside = DeepLift.of(net).explain(x, 1);
        Attribution inside;
        WorkspaceConfiguration wc = WorkspaceConfiguration.builder().initialSize(1 << 20).build();
        try (var ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(wc, "callerWorkspace")) {
            inside = DeepLift.of(net).explain(x, 1);
            assertFalse(inside.scores().isAttached(), "scores must be detached");
        }
        assertEquals(outside.scores(), inside.scores());
        assertEquals(outside.deltas(), inside.deltas());
    }

    @Test
    void chunkedBatchesGiveTheSameResults() {
        MultiLayerNetwork net = cnn(DataType.DOUBLE);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 4, 1.0, 20, 1, 8, 8);
        INDArray ref = TestNets.uniform(DataType.DOUBLE, 5, 1.0, 20, 1, 8, 8);
        int[] targets = new int[20];
        for (int i = 0; i < 20; i++) {
            targets[i] = i % 3;
        }
        for (RulePolicy p : new RulePolicy[] {RulePolicy.uniform(Rule.RESCALE), RulePolicy.uniform(Rule.REVEAL_CANCEL)}) {
            Attribution whole = DeepLift.of(net).withRules(p).explain(x, ref, targets);
            for (int chunk : new int[] {1, 7}) {
                Attribution parts = DeepLift.of(net).withRules(p).withChunkSize(chunk).explain(x, ref, targets);
                assertTrue(whole.scores().equalsWithEps(parts.scores(), 1e-12), p + " chunk " + chunk);
                assertTrue(whole.deltas().equalsWithEps(parts.deltas(), 1e-12));
                assertTrue(whole.summationErrors().equalsWithEps(parts.summationErrors(), 1e-12));
            }
            Attribution shared = DeepLift.of(net).withRules(p).withChunkSize(6).explain(x, ref.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), 2);
            assertTrue(DeepLift.of(net).withRules(p).explain(x, ref.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), 2).scores()
                    .equalsWithEps(shared.scores(), 1e-12));
        }
    }

    @Test
    void theNetworkIsUntouchedAlsoWhenExplainFailsHalfWay() {
        MultiLayerNetwork net = cnn(DataType.FLOAT);
        INDArray x = TestNets.uniform(DataType.FLOAT, 6, 1.0, 4, 1, 8, 8);
        net.fit(new DataSet(x, Nd4j.eye(3).getRows(0, 1, 2, 0).castTo(DataType.FLOAT)));
        INDArray params = net.params().dup();
        INDArray updater = net.getUpdater().getStateViewArray().dup();
        String json = net.getLayerWiseConfigurations().toJson();
        INDArray bnMean = net.getLayer(1).getParam("mean").dup();
        INDArray input = net.getInput();
        // A NaN in the second chunk fails after the first chunk was explained.
        INDArray bad = x.dup();
        bad.putScalar(new int[] {3, 0, 2, 2}, Float.NaN);
        assertThrows(IllegalArgumentException.class, () -> DeepLift.of(net).withChunkSize(2).explain(bad, 1));
        for (Rule r : Rule.values()) {
            DeepLift.of(net).withRule(r).explain(x, 1);
        }
        assertEquals(params, net.params());
        assertEquals(updater, net.getUpdater().getStateViewArray());
        assertEquals(json, net.getLayerWiseConfigurations().toJson());
        assertEquals(bnMean, net.getLayer(1).getParam("mean"));
        assertTrue(input == net.getInput());
    }

    @Test
    void anInputEqualToItsReferenceGetsZeroScoresAndNoNaN() {
        MultiLayerNetwork net = cnn(DataType.DOUBLE);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 7, 1.0, 3, 1, 8, 8);
        for (Rule r : Rule.values()) {
            Attribution a = DeepLift.of(net).withRule(r).explain(x, x, 0);
            assertEquals(0.0, Transforms.abs(a.scores()).maxNumber().doubleValue(), 0.0, r.toString());
            assertFalse(Double.isNaN(a.multipliers().sumNumber().doubleValue()), r.toString());
        }
    }

    @Test
    void hugeAndTinyMagnitudesKeepSummationToDeltaRelativelySmall() {
        IActivation relu = Activation.RELU.getActivationFunction();
        IActivation lrelu = Activation.LEAKYRELU.getActivationFunction();
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 9, new int[] {6, 8, 8, 3}, new IActivation[] {relu, lrelu},
                Activation.IDENTITY);
        for (int i = 0; i < net.getnLayers(); i++) {
            net.getLayer(i).getParam("b").assign(0);
        }
        for (double scale : new double[] {1e-20, 1e20}) {
            INDArray x = TestNets.uniform(DataType.DOUBLE, 10, scale, 5, 6);
            for (Rule r : new Rule[] {Rule.RESCALE, Rule.REVEAL_CANCEL}) {
                Attribution a = DeepLift.of(net).withRule(r).explain(x, 1);
                double size = Transforms.abs(a.scores()).sumNumber().doubleValue() + 1e-300;
                assertTrue(a.maxSummationError() / size < 1e-10, r + " at " + scale + ": " + a.maxSummationError());
                assertFalse(Double.isNaN(a.scores().sumNumber().doubleValue()));
            }
        }
    }

    @Test
    void saturatedSigmoidsGiveFiniteMultipliers() {
        MultiLayerNetwork net = TestNets.dense(new Activation[] {Activation.SIGMOID, Activation.TANH, Activation.IDENTITY},
                new double[][][] {{{60, -70}, {55, 80}}, {{1, 2}, {-3, 1}}, {{1}, {1}}},
                new double[][] {{0, 0}, {0, 0}, {0}});
        INDArray x = TestNets.row(1, 1);
        INDArray ref = TestNets.row(-1, 1);
        for (Rule r : Rule.values()) {
            Attribution a = DeepLift.of(net).withRule(r).explain(x, ref, 0);
            assertTrue(Double.isFinite(a.multipliers().sumNumber().doubleValue()), r.toString());
            if (r != Rule.GRADIENT) {
                assertTrue(a.maxSummationError() < 1e-10, r + ": " + a.maxSummationError());
            }
        }
    }
}
