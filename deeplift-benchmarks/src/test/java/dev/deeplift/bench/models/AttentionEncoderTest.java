package dev.deeplift.bench.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.Target;
import dev.deeplift.dl4j.DeepLift;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/** The benchmark encoder is what the benchmark says: explainable, its token scores summing to the deltas. */
class AttentionEncoderTest {

    @Test
    void theBenchmarkEncoderIsExplainedWithScoresSummingToTheDeltas() {
        ComputationGraph g = AttentionEncoder.graph(DataType.FLOAT);
        INDArray positions = AttentionEncoder.positions(DataType.FLOAT, 2);
        INDArray[] in = {AttentionEncoder.tokens(DataType.FLOAT, 2, 1), positions};
        INDArray[] ref = {in[0].mul(0), positions};
        Attribution a = DeepLift.of(g).withRule(Rule.RESCALE).explain(in, ref, Target.of(0, 1));
        double scale = 1 + Transforms.abs(a.scores(0)).reshape(2, -1).sum(1).maxNumber().doubleValue();
        assertTrue(a.maxSummationError() <= 1e-4 * scale, "summation error " + a.maxSummationError());
        assertEquals(0.0, a.scores(1).amaxNumber().doubleValue(), 0.0);
        assertEquals(2, g.output(in)[0].size(1));
    }
}
