package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The automatic chunk size: as many examples as keep the largest activation within the byte budget. */
class ChunkingTest {

    @Test
    void theChunkHoldsAsManyExamplesAsTheLargestActivationAllows() {
        // The largest activation is the 20,000-unit hidden layer: 160,000 bytes per example in DOUBLE.
        MultiLayerNetwork net = TestNets.mlp(DataType.DOUBLE, 3, new int[] {10, 20_000, 3},
                new IActivation[] {Activation.RELU.getActivationFunction()}, Activation.SOFTMAX);
        DeepLift auto = DeepLift.of(net);
        assertEquals(0, auto.chunkSize());
        assertEquals(0, auto.automaticChunkSize());
        INDArray x = TestNets.uniform(DataType.DOUBLE, 4, 1.0, 450, 10);
        int[] targets = new int[450];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = i % 3;
        }
        INDArray ref = Nd4j.zeros(DataType.DOUBLE, 1, 10);

        Attribution chunked = auto.explain(x, ref, targets);

        long expected = DeepLift.CHUNK_ACTIVATION_BYTES / (20_000L * 8);
        assertEquals(expected, auto.automaticChunkSize());
        assertTrue(expected < 450, "the batch is split: " + expected);
        Attribution whole = DeepLift.of(net).withChunkSize(450).explain(x, ref, targets);
        assertTrue(whole.scores().equalsWithEps(chunked.scores(), 1e-12));
        assertTrue(whole.deltas().equalsWithEps(chunked.deltas(), 1e-12));
        assertTrue(chunked.maxSummationError() < 1e-10, "" + chunked.maxSummationError());
    }

    @Test
    void smallActivationsGetTheLargestChunk() {
        MultiLayerNetwork net = TestNets.mlp(DataType.FLOAT, 5, new int[] {4, 6, 2},
                new IActivation[] {Activation.TANH.getActivationFunction()}, Activation.SOFTMAX);
        DeepLift auto = DeepLift.of(net);
        auto.explain(TestNets.uniform(DataType.FLOAT, 6, 1.0, 3, 4), Nd4j.zeros(DataType.FLOAT, 1, 4), 1);
        assertEquals(DeepLift.DEFAULT_CHUNK_SIZE, auto.automaticChunkSize());
    }
}
