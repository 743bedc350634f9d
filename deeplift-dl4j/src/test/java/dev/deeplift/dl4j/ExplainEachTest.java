package dev.deeplift.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.deeplift.core.Attribution;
import dev.deeplift.core.Rule;
import dev.deeplift.core.methods.DeepShap;
import dev.deeplift.core.reference.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link DeepLift#explainEach}: one forward pass over the examples, reused for every reference, gives what separate
 * explanations give; DeepSHAP over a shared background of many examples goes through it.
 */
class ExplainEachTest {

    private static INDArray images(long seed, long n) {
        return TestNets.uniform(DataType.DOUBLE, seed, 2.0, n, 1, 8, 8);
    }

    static Stream<Arguments> cases() {
        // All-shared references under Rescale go forward stacked; a per-example one, or RevealCancel's split, make
        // each reference go forward on its own.
        return Stream.of(Rule.RESCALE, Rule.REVEAL_CANCEL).flatMap(r -> Stream.of(Arguments.of(r, true),
                Arguments.of(r, false)));
    }

    @ParameterizedTest(name = "{0}, all shared: {1}")
    @MethodSource("cases")
    void everyReferenceGetsWhatASeparateExplanationGets(Rule rule, boolean allShared) {
        MultiLayerNetwork net = ReliabilityTest.cnn(DataType.DOUBLE);
        DeepLift dl = DeepLift.of(net).withRule(rule).withChunkSize(3);
        INDArray x = images(1, 7);
        List<INDArray> refs = List.of(Nd4j.zeros(DataType.DOUBLE, 1, 1, 8, 8), images(2, 1),
                allShared ? images(3, 1) : images(3, 7), images(4, 1));
        int[] targets = {0, 1, 2, 0, 1, 2, 0};
        List<String> order = new ArrayList<>();
        List<List<Attribution>> parts = new ArrayList<>();
        refs.forEach(r -> parts.add(new ArrayList<>()));
        dl.explainEach(x, refs, targets, (k, first, rows) -> {
            order.add(first + ":" + k);
            parts.get(k).add(rows);
        });

        assertEquals(List.of("0:0", "0:1", "0:2", "0:3", "3:0", "3:1", "3:2", "3:3", "6:0", "6:1", "6:2", "6:3"),
                order);
        for (int k = 0; k < refs.size(); k++) {
            Attribution separate = dl.explain(x, refs.get(k), targets);
            long first = 0;
            for (Attribution part : parts.get(k)) {
                long rows = part.scores().size(0);
                String where = "reference " + k + ", examples " + first + "..";
                assertClose(separate.scores(), part.scores(), first, where + " scores");
                assertClose(separate.multipliers(), part.multipliers(), first, where + " multipliers");
                assertClose(separate.deltas().reshape(-1, 1), part.deltas().reshape(-1, 1), first, where + " deltas");
                first += rows;
            }
            assertEquals(7, first);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("graphCases")
    void graphsWithMergesGetWhatSeparateExplanationsGet(String name, Rule rule) {
        ComputationGraph g = name.equals("residual") ? ComputationGraphTest.residual(DataType.DOUBLE)
                : ComputationGraphTest.inception(DataType.DOUBLE);
        long c = name.equals("residual") ? 3 : 2;
        DeepLift dl = DeepLift.of(g).withRule(rule);
        INDArray x = TestNets.uniform(DataType.DOUBLE, 7, 1.0, 5, c, 6, 6);
        List<INDArray> refs = List.of(TestNets.uniform(DataType.DOUBLE, 8, 1.0, 1, c, 6, 6),
                Nd4j.zeros(DataType.DOUBLE, 1, c, 6, 6), TestNets.uniform(DataType.DOUBLE, 9, 1.0, 1, c, 6, 6));
        int[] targets = {0, 1, 0, 1, 1};
        List<Attribution> each = new ArrayList<>(java.util.Collections.nCopies(3, (Attribution) null));
        dl.explainEach(x, refs, targets, (k, first, rows) -> each.set(k, rows));
        for (int k = 0; k < refs.size(); k++) {
            Attribution separate = dl.explain(x, refs.get(k), targets);
            assertClose(separate.scores(), each.get(k).scores(), 0, name + " reference " + k + " scores");
            assertClose(separate.multipliers(), each.get(k).multipliers(), 0, name + " reference " + k
                    + " multipliers");
            assertTrue(each.get(k).maxSummationError() < 1e-10, "" + each.get(k).maxSummationError());
        }
    }

    static Stream<Arguments> graphCases() {
        return Stream.of("residual", "inception").flatMap(n -> Stream.of(Rule.RESCALE, Rule.REVEAL_CANCEL)
                .map(r -> Arguments.of(n, r)));
    }

    @Test
    void deepShapOverAManyExampleBackgroundAveragesTheSeparateExplanations() {
        MultiLayerNetwork net = ReliabilityTest.cnn(DataType.DOUBLE);
        DeepLift dl = DeepLift.of(net);
        INDArray x = images(5, 40);
        INDArray background = images(6, 3);
        int[] targets = new int[40];
        for (int i = 0; i < 40; i++) {
            targets[i] = i % 3;
        }
        Attribution shap = DeepShap.of(dl).withBatchSize(16).explain(x, Reference.background(background),
                targets);

        INDArray mean = Nd4j.zeros(DataType.DOUBLE, x.shape());
        for (int k = 0; k < 3; k++) {
            Attribution a = dl.explain(x, background.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(k, k + 1)),
                    targets);
            mean.addi(a.scores().div(3));
            for (int i = 0; i < 40; i += 13) {
                assertEquals(a.deltas().getDouble(i), shap.pairDeltas().getDouble(i, k), 1e-12);
            }
        }
        assertTrue(mean.equalsWithEps(shap.scores(), 1e-12));
        assertTrue(shap.maxPairSummationError() < 1e-10, "" + shap.maxPairSummationError());
    }

    @Test
    void aBadReferenceIsRefusedBeforeAnyWork() {
        DeepLift dl = DeepLift.of(ReliabilityTest.cnn(DataType.DOUBLE));
        INDArray x = images(1, 2);
        List<Integer> seen = new ArrayList<>();
        var e = assertThrows(IllegalArgumentException.class, () -> dl.explainEach(x,
                List.of(images(2, 1), Nd4j.zeros(DataType.DOUBLE, 1, 1, 8, 7)), new int[] {0, 1},
                (k, first, rows) -> seen.add(k)));
        assertTrue(e.getMessage().contains("reference 1"), e.getMessage());
        assertEquals(List.of(), seen);
        assertThrows(IllegalArgumentException.class, () -> dl.explainEach(x, List.of(), new int[] {0, 1},
                (k, first, rows) -> seen.add(k)));
    }

    private static void assertClose(INDArray whole, INDArray rows, long first, String where) {
        INDArray expected = whole.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(first, first + rows.size(0)));
        double diff = expected.sub(rows).amaxNumber().doubleValue();
        assertTrue(diff <= 1e-12, where + ": differs by " + diff);
    }
}
